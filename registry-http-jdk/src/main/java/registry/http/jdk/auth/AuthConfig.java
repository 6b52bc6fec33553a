package registry.http.jdk.auth;

import java.util.Objects;
import java.util.Optional;
import registry.core.auth.Authorizer;
import registry.http.jdk.RegistryServer;

/**
 * Access control built from a {@code config.yml} {@code auth} section by
 * {@link AuthConfigs#fromDistributionConfig}: the authorizer, and the token issuer to serve
 * when the section asks the registry to be its own token server.
 *
 * @param authorizer who may do what
 * @param tokenIssuer the token endpoint to serve, if any
 */
public record AuthConfig(Authorizer authorizer, Optional<TokenIssuer> tokenIssuer) {

  /** Requires both. */
  public AuthConfig {
    Objects.requireNonNull(authorizer, "authorizer");
    Objects.requireNonNull(tokenIssuer, "tokenIssuer");
  }

  /** Sets the server's {@link RegistryServer.Builder#authorizer} and {@link RegistryServer.Builder#tokenIssuer}. */
  public RegistryServer.Builder applyTo(RegistryServer.Builder server) {
    server.authorizer(authorizer);
    tokenIssuer.ifPresent(server::tokenIssuer);
    return server;
  }
}
