package registry.http.jdk.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import registry.core.auth.AccessDecision;
import registry.core.auth.AccessRequest;
import registry.core.auth.Authorizer;
import registry.core.auth.Scope;
import registry.http.jdk.internal.auth.Challenges;
import registry.http.jdk.internal.auth.TokenCaller;
import registry.http.jdk.internal.auth.TokenVerifier;
import registry.http.jdk.internal.auth.TrustedKeys;
import registry.http.jdk.internal.tls.Pem;

/**
 * Docker/OCI bearer-token authentication: distribution's {@code auth.token}. Clients get a
 * token from the token server ({@code realm}) and send it as {@code Authorization: Bearer};
 * the token is a JWT signed (RS256, ES256 and kin) by a key of the root certificate bundle or
 * JWK set, from {@code issuer}, for {@code service}, unexpired, whose {@code access} claim
 * grants the actions per repository.
 *
 * <pre>{@code
 * Authorizer auth = TokenAuthorizer.builder()
 *     .realm("https://auth.example.com/token")      // or "/auth/token": resolved per request
 *     .service("registry.example.com")
 *     .issuer("auth.example.com")
 *     .rootCertBundle(Path.of("/etc/registry/token.crt"))   // or .jwks(Path.of("jwks.json"))
 *     .build();
 * }</pre>
 *
 * <p>Without a token, or with one lacking the scope, the answer is {@code 401} with
 * {@code WWW-Authenticate: Bearer realm="...",service="...",scope="repository:team/app:pull,push"},
 * plus {@code error="insufficient_scope"} when a valid token lacks it or
 * {@code error="invalid_token"} when the token is bad (expired, badly signed, wrong audience
 * or issuer): docker, podman, skopeo and Jib then fetch a new token and retry.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker registry token authentication</a>
 */
public final class TokenAuthorizer implements Authorizer {

  private final String realm;
  private final String service;
  private final String issuer;
  private final TokenVerifier verifier;
  private final Permissions permissions;

  private TokenAuthorizer(Builder b, TrustedKeys keys) {
    this.realm = b.realm;
    this.service = b.service;
    this.issuer = b.issuer;
    this.verifier = new TokenVerifier(keys, b.issuer, b.service, b.leeway);
    this.permissions = b.permissions;
  }

  /** A builder; realm, service, issuer and at least one trusted key source are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AccessDecision authorize(AccessRequest request) {
    String realmUrl = realm.startsWith("/") ? request.origin().resolve(realm).toString() : realm;
    Optional<String> token = request.bearerToken();
    if (token.isEmpty()) {
      return AccessDecision.challenge(Challenges.bearer(realmUrl, service, request.scopes(), null),
          "authentication required");
    }
    TokenVerifier.Verified verified;
    try {
      verified = verifier.verify(token.get());
    } catch (TokenVerifier.InvalidToken e) {
      return AccessDecision.challenge(Challenges.bearer(realmUrl, service, request.scopes(), "invalid_token"),
          e.getMessage());
    }
    TokenCaller caller = new TokenCaller(verified.subject(), verified.access(), permissions);
    List<Scope> missing = new ArrayList<>();
    for (Scope scope : request.scopes()) {
      if (!caller.permits(scope)) {
        missing.add(scope);
      }
    }
    if (!missing.isEmpty()) {
      return AccessDecision.challenge(Challenges.bearer(realmUrl, service, request.scopes(), "insufficient_scope"),
          "the token does not grant " + missing.get(0));
    }
    return AccessDecision.allow(caller);
  }

  @Override
  public String toString() {
    return "TokenAuthorizer[realm=" + realm + ", service=" + service + ", issuer=" + issuer + "]";
  }

  /**
   * Settings of a {@link TokenAuthorizer}. Setters refuse {@code null} with a
   * {@link NullPointerException} naming the setting; {@link #build()} copies the settings.
   */
  public static final class Builder {
    private String realm;
    private String service;
    private String issuer;
    private final List<X509Certificate> roots = new ArrayList<>();
    private final List<PublicKey> keys = new ArrayList<>();
    private final Map<String, PublicKey> named = new HashMap<>();
    private Duration leeway = Duration.ofSeconds(60);
    private Permissions permissions;

    private Builder() {}

    /**
     * The token server's URL, sent to clients in the challenge ({@code auth.token.realm}). A
     * path such as {@code /auth/token} means a token server on this registry's own origin
     * (as the client reached it, proxies included): see {@link TokenIssuer}.
     */
    public Builder realm(String realm) {
      Objects.requireNonNull(realm, "realm");
      if (!realm.startsWith("/")) {
        URI u = URI.create(realm);
        if (u.getScheme() == null || u.getHost() == null) {
          throw new IllegalArgumentException("realm must be an absolute http(s) URL or a path: " + realm);
        }
      }
      this.realm = realm;
      return this;
    }

    /** The service name, the tokens' required audience ({@code auth.token.service}). */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /** The required {@code iss} of tokens ({@code auth.token.issuer}). */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Trusts the certificates of a PEM bundle ({@code auth.token.rootcertbundle}): their keys
     * sign tokens directly (named by {@code kid}), or they are roots of a token's {@code x5c}.
     */
    public Builder rootCertBundle(Path pem) throws IOException {
      Objects.requireNonNull(pem, "rootCertBundle");
      roots.addAll(Pem.certificates(pem));
      return this;
    }

    /** Trusts the public keys of a JWK set file ({@code auth.token.jwks}), named by their {@code kid}. */
    public Builder jwks(Path file) throws IOException {
      Objects.requireNonNull(file, "jwks");
      named.putAll(TrustedKeys.jwks(file));
      return this;
    }

    /** Trusts a public key (RSA or EC). */
    public Builder trust(PublicKey key) {
      keys.add(Objects.requireNonNull(key, "trust"));
      return this;
    }

    /** The clock skew tolerated on {@code exp} and {@code nbf} (default 60 s). */
    public Builder leeway(Duration leeway) {
      Objects.requireNonNull(leeway, "leeway");
      if (leeway.isNegative()) {
        throw new IllegalArgumentException("leeway is negative");
      }
      this.leeway = leeway;
      return this;
    }

    /**
     * The permissions the token server grants by, when known here (the built-in
     * {@link TokenIssuer}): a token holding {@code registry:catalog:*} then lists what they let
     * its subject pull. Without them (the default) such a token lists every repository, as
     * distribution does.
     */
    public Builder permissions(Permissions permissions) {
      this.permissions = Objects.requireNonNull(permissions, "permissions");
      return this;
    }

    /** The authorizer. */
    public TokenAuthorizer build() {
      if (realm == null || service == null || issuer == null) {
        throw new IllegalStateException("realm, service and issuer are required");
      }
      if (roots.isEmpty() && keys.isEmpty() && named.isEmpty()) {
        throw new IllegalStateException("no trusted key: give rootCertBundle, jwks or trust");
      }
      return new TokenAuthorizer(this, TrustedKeys.of(roots, keys, named));
    }
  }
}
