/**
 * Access control for the protocol handler: an {@link registry.core.auth.Authorizer} decides,
 * once per request and before any route runs, whether the caller may do what the route needs
 * (a {@link registry.core.auth.Scope} such as {@code repository:team/app:pull,push}), and
 * answers with an {@link registry.core.auth.AccessDecision}: allow, challenge (401 with
 * {@code WWW-Authenticate}), deny (403) or rate-limit (429). Without one, everything is allowed.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker registry token authentication</a>
 */
package registry.core.auth;
