/**
 * Built-in access control for the registry, configured as distribution's {@code auth} section:
 * {@link registry.http.jdk.auth.HtpasswdAuthorizer} (HTTP Basic against an htpasswd file),
 * {@link registry.http.jdk.auth.TokenAuthorizer} (Docker/OCI bearer tokens),
 * {@link registry.http.jdk.auth.TokenIssuer} (a token server the registry serves itself), and
 * {@link registry.http.jdk.auth.Permissions} (rules of users, groups, repository patterns and
 * actions) used by both. {@link registry.http.jdk.auth.AuthConfigs} builds them from a parsed
 * {@code config.yml} {@code auth} section.
 *
 * @see <a href="https://distribution.github.io/distribution/about/configuration/#auth">distribution configuration, auth</a>
 */
package registry.http.jdk.auth;
