package registry.core.auth;

/**
 * Decides, once per request and before any route runs, who is asking and whether they may do
 * what the route needs. Plugged into {@link registry.core.http.RegistryHandler.Builder#authorizer}.
 *
 * <pre>{@code
 * // One CI user who may do everything; everyone else may pull.
 * Authorizer auth = request -> {
 *   boolean ci = request.basicCredentials()
 *       .filter(c -> c.username().equals("ci") && MessageDigest.isEqual(bytes(c.password()), secret))
 *       .isPresent();
 *   if (ci) {
 *     return AccessDecision.allow(Caller.of("ci", scope -> true));
 *   }
 *   Caller anyone = Caller.of(null, scope -> scope.isRepository() && scope.actions().equals(List.of("pull")));
 *   return !request.scopes().isEmpty() && request.scopes().stream().allMatch(anyone::permits)
 *       ? AccessDecision.allow(anyone)
 *       : AccessDecision.challenge("Basic realm=\"registry\"", "authentication required");
 * };
 * RegistryHandler handler = RegistryHandler.builder(registry).authorizer(auth).build();
 * }</pre>
 *
 * <p>Implementations are thread-safe, never throw for anything a client sent, and never log a
 * secret. Built-ins (htpasswd, Docker tokens, a token issuer) live in {@code registry.http.jdk.auth}.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker registry token authentication</a>
 */
@FunctionalInterface
public interface Authorizer {

  /** The decision about one request. */
  AccessDecision authorize(AccessRequest request);

  /** No access control: every request is allowed as {@link Caller#unrestricted()}. The default. */
  static Authorizer allowAll() {
    return AllowAll.INSTANCE;
  }
}
