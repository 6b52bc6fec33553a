package registry.http.jdk.internal.auth;

import java.util.List;
import java.util.stream.Collectors;
import registry.core.auth.Scope;

/**
 * {@code WWW-Authenticate} values (RFC 7235 auth-params as quoted strings), as docker, podman,
 * skopeo and Jib parse them.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker registry token authentication</a>
 */
public final class Challenges {

  private Challenges() {}

  /** {@code Basic realm="..."}. */
  public static String basic(String realm) {
    return "Basic realm=" + quoted(realm);
  }

  /**
   * {@code Bearer realm="...",service="...",scope="a b",error="..."}; the scope (several are
   * separated by spaces, as distribution writes them) and error are left out when empty or null.
   */
  public static String bearer(String realm, String service, List<Scope> scopes, String error) {
    StringBuilder b = new StringBuilder("Bearer realm=").append(quoted(realm));
    b.append(",service=").append(quoted(service));
    if (!scopes.isEmpty()) {
      b.append(",scope=").append(quoted(scopes.stream().map(Scope::toString).collect(Collectors.joining(" "))));
    }
    if (error != null) {
      b.append(",error=").append(quoted(error));
    }
    return b.toString();
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
