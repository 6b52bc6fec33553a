package registry.http.jdk.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import registry.core.auth.AccessDecision;
import registry.core.auth.BasicCredentials;
import registry.core.auth.Scope;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.http.jdk.internal.auth.Challenges;
import registry.http.jdk.internal.auth.LoginAttempts;
import registry.http.jdk.internal.auth.LoginLimit;
import registry.http.jdk.internal.auth.TokenRequest;
import registry.http.jdk.internal.auth.TokenSigner;
import registry.http.jdk.internal.auth.TokenVerifier;
import registry.http.jdk.internal.auth.TrustedKeys;

/**
 * A small Docker token server that the registry serves itself (the {@code realm} of
 * {@link TokenAuthorizer}), so a team gets per-repository rights without running one:
 * clients authenticate against htpasswd users and receive a token granting what the
 * {@link Permissions} allow of the scopes they asked.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.builder()
 *     .service("registry.example.com")
 *     .users(Htpasswd.load(Path.of("/etc/registry/htpasswd")))
 *     .permissions(Permissions.load(Path.of("/etc/registry/permissions.yml")))
 *     .build();                                  // signs with a fresh EC P-256 key unless given one
 * RegistryServer.builder().storage(driver).tokenIssuer(issuer).build().start();
 * // GET /auth/token?service=registry.example.com&scope=repository:team/app:pull,push
 * //   (Basic credentials, or none for what anonymous callers may do)
 * // -> {"token":"eyJ...","access_token":"eyJ...","expires_in":300,"issued_at":"2025-01-01T00:00:00Z"}
 * }</pre>
 *
 * <p>It answers {@code GET} (docker, podman, skopeo, Jib) and the OAuth2 password grant
 * ({@code POST} form with {@code grant_type=password}). Wrong credentials get {@code 401} with
 * a Basic challenge and count against the user at the client's address, and, ten times less
 * strictly, against the address; past the failure limit it gets {@code 429}, as with
 * {@link HtpasswdAuthorizer}. Scopes nobody may have are left out of the token rather than
 * refused, as the token spec asks: the registry then answers {@code insufficient_scope}, or 403 is the
 * client's conclusion. An authenticated user's token also carries {@code registry:catalog:*}
 * when asked, and the catalog shows them what the permissions let them pull.
 *
 * <p>A request that shows one of this issuer's own tokens ({@code Authorization: Bearer}) instead
 * of credentials, as ORAS's Java SDK 0.7.0 does when it asks again for a scope it holds a token
 * for, gets a fresh token for the same subject granting no more than the shown token granted of
 * the scopes asked (and still allowed), expiring no later than it: a token proves who its subject
 * is, but never buys more access or more time than it carries. A token that does not verify
 * (expired, another issuer or service, bad signature) gets {@code 401} with a Basic challenge.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker registry token authentication</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 token authentication</a>
 */
public final class TokenIssuer {

  /** Where the built-in server serves it unless told otherwise. */
  public static final String DEFAULT_PATH = "/auth/token";


  private final String path;
  private final String issuer;
  private final String service;
  private final Permissions permissions;
  private final Duration expiration;
  private final TokenSigner signer;
  private final PublicKey publicKey;
  private final LoginAttempts logins;
  private final TokenVerifier ownTokens;
  private final Clock clock;

  private TokenIssuer(Builder b, PrivateKey key, PublicKey publicKey) {
    this.path = b.path;
    this.issuer = b.issuer;
    this.service = b.service;
    this.permissions = b.permissions;
    this.expiration = b.expiration;
    this.signer = new TokenSigner(key, publicKey, b.certificate);
    this.publicKey = publicKey;
    this.logins = b.users.logins(b.limit);
    // No leeway: a shown token must be valid now, by this issuer's own clock.
    this.ownTokens = new TokenVerifier(TrustedKeys.of(List.of(), List.of(publicKey), Map.of()), b.issuer, b.service,
        Duration.ZERO);
    this.clock = b.clock;
  }

  /** A builder; {@link Builder#service} and {@link Builder#users} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The path the token endpoint answers on, such as {@code /auth/token}. */
  public String path() {
    return path;
  }

  /** The public key that verifies this issuer's tokens. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * An authorizer for the registry that trusts this issuer's tokens, with the realm on the
   * registry's own origin ({@link #path()}), and the catalog filtered by these permissions.
   */
  public TokenAuthorizer authorizer() {
    return TokenAuthorizer.builder().realm(path).service(service).issuer(issuer)
        .trust(publicKey).permissions(permissions).build();
  }

  /**
   * A token for {@code subject} (empty: anonymous) granting what the permissions allow of
   * {@code wanted}, without checking any password: for a program that has authenticated the
   * caller its own way.
   */
  public String issue(Optional<String> subject, List<Scope> wanted) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return signer.sign(issuer, subject.orElse(""), service, now, now.plus(expiration), grants(subject, wanted));
  }

  /**
   * Answers one request to the token endpoint; the adapter of the built-in server calls it,
   * and any other HTTP server may.
   */
  public RegistryResponse handle(RegistryRequest request) {
    if (!request.rawPath().equals(path)) {
      return TokenRequest.error(404, "NOT_FOUND", "no such endpoint").build();
    }
    TokenRequest asked;
    try {
      asked = TokenRequest.parse(request);
    } catch (TokenRequest.Refused e) {
      return e.response();
    }
    if (asked.service().isPresent() && !asked.service().get().equals(service)) {
      return TokenRequest.error(400, "invalid_request", "this token server serves service '" + service + "'").build();
    }
    Optional<String> bearer = request.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim());
    if (asked.credentials().isEmpty() && bearer.isPresent()) {
      return renew(asked, bearer.get());
    }
    Optional<String> subject = Optional.empty();
    Optional<BasicCredentials> credentials = asked.credentials().filter(c -> !c.isAnonymous());
    if (credentials.isPresent()) {
      Optional<InetAddress> client = request.remoteAddress().map(InetSocketAddress::getAddress);
      BasicCredentials c = credentials.get();
      LoginAttempts.Outcome login = logins.attempt(c.username(), c.password(), client);
      if (login.limited().isPresent()) {
        AccessDecision.RateLimited limited = login.limited().get();
        return TokenRequest.error(429, "TOOMANYREQUESTS", limited.message())
            .header("Retry-After", Long.toString(limited.retryAfterSeconds())).build();
      }
      if (!login.accepted()) {
        return TokenRequest.error(401, "UNAUTHORIZED", "invalid username or password")
            .header("WWW-Authenticate", Challenges.basic(service)).build();
      }
      subject = Optional.of(c.username());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<Scope> granted = grants(subject, asked.scopes());
    String token = signer.sign(issuer, subject.orElse(""), service, now, now.plus(expiration), granted);
    return asked.answer(token, expiration.toSeconds(), now.toString(), granted);
  }

  /** A token no broader and no longer-lived than {@code shown}, for the same subject. */
  private RegistryResponse renew(TokenRequest asked, String shown) {
    TokenVerifier.Verified verified;
    try {
      verified = ownTokens.verify(shown);
    } catch (TokenVerifier.InvalidToken e) {
      return TokenRequest.error(401, "UNAUTHORIZED", e.getMessage() + "; send credentials (Basic)")
          .header("WWW-Authenticate", Challenges.basic(service)).build();
    }
    List<Scope> held = new ArrayList<>();
    for (Scope w : asked.scopes()) {
      List<String> actions = new ArrayList<>();
      for (String action : w.actions()) {
        Scope one = w.withActions(List.of(action));
        if (verified.access().stream().anyMatch(a -> a.covers(one))) {
          actions.add(action);
        }
      }
      if (!actions.isEmpty()) {
        held.add(w.withActions(actions));
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = now.plus(expiration).isAfter(verified.expires()) ? verified.expires() : now.plus(expiration);
    List<Scope> granted = grants(verified.subject(), held);
    String token = signer.sign(issuer, verified.subject().orElse(""), service, now, expires, granted);
    return asked.answer(token, Duration.between(now, expires).toSeconds(), now.toString(), granted);
  }

  private List<Scope> grants(Optional<String> subject, List<Scope> wanted) {
    List<Scope> granted = new ArrayList<>();
    for (Scope w : wanted) {
      Scope g = permissions.grant(subject, w);
      if (!g.actions().isEmpty()) {
        granted.add(g);
      }
    }
    return granted;
  }

  @Override
  public String toString() {
    return "TokenIssuer[" + path + ", service=" + service + ", issuer=" + issuer + "]";
  }

  /**
   * Settings of a {@link TokenIssuer}. Setters refuse {@code null} with a
   * {@link NullPointerException} naming the setting; {@link #build()} copies the settings.
   */
  public static final class Builder {
    private String path = DEFAULT_PATH;
    private String issuer = "registry-token-issuer";
    private String service;
    private Htpasswd users;
    private Permissions permissions = Permissions.anyUser();
    private Duration expiration = Duration.ofMinutes(5);
    private PrivateKey key;
    private PublicKey publicKey;
    private X509Certificate certificate;
    private LoginLimit limit = LoginLimit.DEFAULT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The path of the endpoint (default {@value TokenIssuer#DEFAULT_PATH}). */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || path.equals("/") || path.startsWith("/v2")) {
        throw new IllegalArgumentException("path must start with / and not be / or under /v2: " + path);
      }
      this.path = path;
      return this;
    }

    /** The {@code iss} of the tokens (default {@code registry-token-issuer}). */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** The service the tokens are for (their {@code aud}); clients name it too. Required. */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /** Who may log in. Required. */
    public Builder users(Htpasswd users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    /** What tokens grant (default {@link Permissions#anyUser()}). */
    public Builder permissions(Permissions permissions) {
      this.permissions = Objects.requireNonNull(permissions, "permissions");
      return this;
    }

    /** How long a token is valid (default 5 minutes; clients fetch a new one when it lapses). */
    public Builder expiration(Duration expiration) {
      Objects.requireNonNull(expiration, "expiration");
      if (expiration.isZero() || expiration.isNegative()) {
        throw new IllegalArgumentException("expiration must be positive");
      }
      this.expiration = expiration;
      return this;
    }

    /**
     * Signs with this key (RSA, or EC on P-256, P-384 or P-521) and names it in {@code x5c}
     * with its certificate, which the registry's root bundle must then hold. Default: a fresh
     * EC P-256 key per process, which only this process trusts.
     */
    public Builder signingKey(PrivateKey key, X509Certificate certificate) {
      this.key = Objects.requireNonNull(key, "key");
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      this.publicKey = certificate.getPublicKey();
      return this;
    }

    /** Signs with this key pair, without a certificate. */
    public Builder signingKey(KeyPair keys) {
      Objects.requireNonNull(keys, "signingKey");
      this.key = Objects.requireNonNull(keys.getPrivate(), "signingKey private key");
      this.publicKey = Objects.requireNonNull(keys.getPublic(), "signingKey public key");
      this.certificate = null;
      return this;
    }

    /** As {@link HtpasswdAuthorizer.Builder#failureLimit}: failed logins per user and address (default 10 per minute). */
    public Builder failureLimit(int failures, Duration period) {
      this.limit = new LoginLimit(failures, period);
      return this;
    }

    /** The clock of {@code iat}, {@code nbf} and {@code exp} (default the system's; for tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The issuer. */
    public TokenIssuer build() {
      if (service == null || users == null) {
        throw new IllegalStateException("service and users are required");
      }
      PrivateKey k = key;
      PublicKey p = publicKey;
      if (k == null) {
        KeyPair generated = generate();
        k = generated.getPrivate();
        p = generated.getPublic();
      }
      return new TokenIssuer(this, k, p);
    }

    private static KeyPair generate() {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("EC P-256 is part of every JDK", e);
      }
    }
  }
}
