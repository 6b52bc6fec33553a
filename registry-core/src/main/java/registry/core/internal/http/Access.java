package registry.core.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import registry.core.ErrorCode;
import registry.core.RepositoryName;
import registry.core.auth.AccessDecision;
import registry.core.auth.Action;
import registry.core.auth.Scope;
import registry.core.http.RegistryResponse;

/**
 * What each route needs from access control, and the answers to a refused request. Uploads of
 * every kind need {@code pull} with {@code push}, as docker asks for both (a push reads too:
 * it checks which blobs exist, and a mount reads another repository).
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/scope/">Token scope documentation</a>
 */
final class Access {

  private Access() {}

  /** The scopes a route needs for a method; empty for the base endpoint (who is asking, only). */
  static List<Scope> needed(Route.Kind kind, RepositoryName name, String method) {
    switch (kind) {
      case BASE:
        return List.of();
      case CATALOG:
        return List.of(Scope.catalog());
      case UPLOAD_START:
      case UPLOAD:
        return List.of(Scope.repository(name, Action.PULL, Action.PUSH));
      case MANIFEST:
        if (method.equals("PUT")) {
          return List.of(Scope.repository(name, Action.PULL, Action.PUSH));
        }
        return List.of(Scope.repository(name, method.equals("DELETE") ? Action.DELETE : Action.PULL));
      case BLOB:
        return List.of(Scope.repository(name, method.equals("DELETE") ? Action.DELETE : Action.PULL));
      case TAGS:
      case REFERRERS:
        // Any other method is refused with 405 after this check, so pull is the least to ask.
        return List.of(Scope.repository(name, Action.PULL));
      default:
        throw new IllegalStateException("no scope for route kind " + kind);
    }
  }

  /**
   * The error response for a decision other than allow. The detail lists what was needed, as
   * distribution does ({@code [{"Type":"repository","Name":"a","Action":"pull"}]}), so a user
   * reading the error sees which right is missing.
   */
  static RegistryResponse refusal(AccessDecision decision, List<Scope> scopes) {
    Object detail = scopes.isEmpty() ? null : detail(scopes);
    if (decision instanceof AccessDecision.Challenged) {
      AccessDecision.Challenged c = (AccessDecision.Challenged) decision;
      return ErrorBody.of(ErrorCode.UNAUTHORIZED, c.message(), detail)
          .header("WWW-Authenticate", c.wwwAuthenticate())
          .build();
    }
    if (decision instanceof AccessDecision.Denied) {
      return ErrorBody.of(ErrorCode.DENIED, ((AccessDecision.Denied) decision).message(), detail).build();
    }
    if (decision instanceof AccessDecision.RateLimited) {
      AccessDecision.RateLimited r = (AccessDecision.RateLimited) decision;
      return ErrorBody.of(ErrorCode.TOOMANYREQUESTS, r.message(), null)
          .header("Retry-After", Long.toString(r.retryAfterSeconds()))
          .build();
    }
    throw new IllegalArgumentException("not a refusal: " + decision);
  }

  private static List<Map<String, String>> detail(List<Scope> scopes) {
    List<Map<String, String>> needed = new ArrayList<>();
    for (Scope s : scopes) {
      for (String action : s.actions()) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("Type", s.type());
        entry.put("Name", s.name());
        entry.put("Action", action);
        needed.add(entry);
      }
    }
    return needed;
  }
}
