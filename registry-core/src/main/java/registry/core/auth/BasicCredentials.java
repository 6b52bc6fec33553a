package registry.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user name and password from an {@code Authorization: Basic} header (RFC 7617).
 * {@link #toString()} never shows the password.
 *
 * @param username the user name, possibly empty (some clients send {@code Basic Og==},
 *     an empty name and password, when they have no credentials)
 * @param password the password
 */
public record BasicCredentials(String username, String password) {

  /**
   * The credentials of an {@code Authorization} header value, or empty when it is not a
   * well-formed Basic one.
   */
  public static Optional<BasicCredentials> parse(String authorization) {
    if (authorization == null || authorization.length() < 6
        || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String pair = new String(decoded, StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return Optional.of(new BasicCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
  }

  /** Whether the user name is empty: a client without credentials. */
  public boolean isAnonymous() {
    return username.isEmpty();
  }

  /** The user name only. */
  @Override
  public String toString() {
    return "BasicCredentials[" + username + "]";
  }
}
