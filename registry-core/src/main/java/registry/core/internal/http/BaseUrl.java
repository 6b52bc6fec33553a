package registry.core.internal.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import registry.core.http.RegistryRequest;

/**
 * Decides the scheme and authority of the URLs the registry hands out ({@code Location},
 * {@code Link}). Behind a reverse proxy the request's own {@code Host} is the proxy's upstream
 * address, useless to the client, so the proxy's headers win; a configured host wins over all.
 */
public final class BaseUrl {

  /** A host, IPv4 or bracketed IPv6 address with an optional port; anything else is ignored. */
  private static final Pattern AUTHORITY =
      Pattern.compile("(?:[A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

  private final String fixed;
  private final boolean relative;
  private final boolean trustForwarded;

  /**
   * @param host the configured base URL, or null
   * @param relative whether URLs are relative paths
   * @param trustForwarded whether proxy headers count
   */
  public BaseUrl(URI host, boolean relative, boolean trustForwarded) {
    this.fixed = host == null ? null
        : host.getScheme().toLowerCase(Locale.ROOT) + "://" + host.getRawAuthority();
    this.relative = relative;
    this.trustForwarded = trustForwarded;
  }

  /** The prefix for URLs in responses to this request: {@code scheme://authority}, or empty. */
  String prefix(RegistryRequest request) {
    return relative ? "" : origin(request);
  }

  /**
   * The {@code scheme://authority} the client reached, whatever the relative-URL setting: for
   * URLs that must be absolute, such as a token realm served by this registry.
   */
  String origin(RegistryRequest request) {
    if (fixed != null) {
      return fixed;
    }
    String scheme = request.scheme();
    String host = request.header("Host").filter(BaseUrl::validAuthority)
        .or(request::authority).orElse("localhost");
    if (trustForwarded) {
      Optional<String> forwarded = request.header("Forwarded");
      String proto = forwarded.flatMap(f -> forwardedParam(f, "proto"))
          .or(() -> request.header("X-Forwarded-Proto").map(BaseUrl::firstOfList))
          .orElse(null);
      String fwdHost = forwarded.flatMap(f -> forwardedParam(f, "host"))
          .or(() -> request.header("X-Forwarded-Host").map(BaseUrl::firstOfList))
          .orElse(null);
      if (proto != null) {
        proto = proto.toLowerCase(Locale.ROOT);
        if (proto.equals("http") || proto.equals("https")) {
          scheme = proto;
        }
      }
      if (fwdHost != null && validAuthority(fwdHost)) {
        host = fwdHost;
      }
    }
    return scheme + "://" + host;
  }

  private static boolean validAuthority(String s) {
    return AUTHORITY.matcher(s).matches();
  }

  /** The first element of a comma-separated list: what the proxy nearest the client wrote. */
  private static String firstOfList(String value) {
    int comma = value.indexOf(',');
    return (comma >= 0 ? value.substring(0, comma) : value).trim();
  }

  /**
   * A parameter of the first element of an RFC 7239 {@code Forwarded} header, such as
   * {@code proto} in {@code for=192.0.2.60;proto=https;host="example.com", for=...}.
   */
  static Optional<String> forwardedParam(String header, String name) {
    String first = firstOfList(header);
    for (String pair : first.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
        String value = pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
