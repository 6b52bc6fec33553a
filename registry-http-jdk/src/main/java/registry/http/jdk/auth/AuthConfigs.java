package registry.http.jdk.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import registry.core.auth.Authorizer;
import registry.http.jdk.internal.tls.KeyMatch;
import registry.http.jdk.internal.tls.Pem;

/**
 * Access control from the {@code auth} section of distribution's {@code config.yml}, as a YAML
 * parser returns it (nested maps of strings, numbers and booleans). One of:
 *
 * <pre>
 * auth:
 *   htpasswd:
 *     realm: basic-realm
 *     path: /etc/registry/htpasswd
 *     permissions: /etc/registry/permissions.yml   # ours; without it every user may do everything
 *
 * auth:
 *   token:
 *     realm: https://auth.example.com/token        # or /auth/token with issue: below
 *     service: registry.example.com
 *     issuer: auth.example.com
 *     rootcertbundle: /etc/registry/token.crt      # or jwks: /etc/registry/jwks.json
 *     issue:                                       # ours: this registry serves the realm
 *       htpasswd: /etc/registry/htpasswd
 *       permissions: /etc/registry/permissions.yml
 *       key: /etc/registry/token.key               # PKCS#8 PEM of a rootcertbundle certificate;
 *                                                  # without: a key generated at each start
 *       expiration: 300                            # seconds, or 5m
 * </pre>
 *
 * <p>No section (or an empty one) means no access control. Relative paths are resolved against
 * the working directory, as distribution does. Unknown keys are refused, so a typo never turns
 * access control off.
 */
public final class AuthConfigs {

  private static final Set<String> HTPASSWD = Set.of("realm", "path", "permissions");
  private static final Set<String> TOKEN = Set.of("realm", "service", "issuer", "rootcertbundle", "jwks",
      "autoredirect", "permissions", "issue");
  private static final Set<String> ISSUE = Set.of("htpasswd", "permissions", "key", "expiration");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h)?");

  private AuthConfigs() {}

  /**
   * The authorizer (and token issuer) the section describes.
   *
   * @param authSection the value of {@code auth}, or null for none
   * @throws IllegalArgumentException when the section is not valid (the message says where)
   * @throws IOException when a file it names cannot be read
   */
  public static AuthConfig fromDistributionConfig(Map<String, ?> authSection) throws IOException {
    if (authSection == null || authSection.isEmpty()) {
      return new AuthConfig(Authorizer.allowAll(), Optional.empty());
    }
    if (authSection.size() > 1) {
      throw new IllegalArgumentException("auth: configure one of htpasswd or token, not " + new TreeSet<>(authSection.keySet()));
    }
    Map.Entry<String, ?> only = authSection.entrySet().iterator().next();
    Map<String, ?> params = map(only.getValue(), "auth." + only.getKey());
    switch (only.getKey()) {
      case "htpasswd":
        return htpasswd(params);
      case "token":
        return token(params);
      default:
        throw new IllegalArgumentException("auth." + only.getKey() + " is not supported (use htpasswd or token)");
    }
  }

  private static AuthConfig htpasswd(Map<String, ?> p) throws IOException {
    known(p, HTPASSWD, "auth.htpasswd");
    HtpasswdAuthorizer.Builder b = HtpasswdAuthorizer.builder()
        .realm(required(p, "realm", "auth.htpasswd"))
        .users(Htpasswd.load(Path.of(required(p, "path", "auth.htpasswd"))));
    Optional<String> permissions = optional(p, "permissions");
    if (permissions.isPresent()) {
      b.permissions(Permissions.load(Path.of(permissions.get())));
    }
    return new AuthConfig(b.build(), Optional.empty());
  }

  private static AuthConfig token(Map<String, ?> p) throws IOException {
    String where = "auth.token";
    known(p, TOKEN, where);
    String realm = required(p, "realm", where);
    String service = required(p, "service", where);
    String issuerName = required(p, "issuer", where);
    TokenAuthorizer.Builder auth = TokenAuthorizer.builder().realm(realm).service(service).issuer(issuerName);
    Optional<String> bundle = optional(p, "rootcertbundle");
    Optional<String> jwks = optional(p, "jwks");
    if (bundle.isPresent()) {
      auth.rootCertBundle(Path.of(bundle.get()));
    }
    if (jwks.isPresent()) {
      auth.jwks(Path.of(jwks.get()));
    }
    Permissions permissions = null;
    Optional<String> permissionsFile = optional(p, "permissions");
    if (permissionsFile.isPresent()) {
      permissions = Permissions.load(Path.of(permissionsFile.get()));
    }
    Optional<TokenIssuer> issuer = Optional.empty();
    if (p.get("issue") != null) {
      Map<String, ?> i = map(p.get("issue"), where + ".issue");
      known(i, ISSUE, where + ".issue");
      TokenIssuer.Builder ib = TokenIssuer.builder()
          .path(realmPath(realm))
          .issuer(issuerName)
          .service(service)
          .users(Htpasswd.load(Path.of(required(i, "htpasswd", where + ".issue"))));
      Optional<String> rules = optional(i, "permissions");
      if (rules.isPresent()) {
        permissions = Permissions.load(Path.of(rules.get()));
      }
      if (permissions != null) {
        ib.permissions(permissions);
      }
      Optional<String> expiration = optional(i, "expiration");
      if (expiration.isPresent()) {
        ib.expiration(duration(expiration.get(), where + ".issue.expiration"));
      }
      Optional<String> key = optional(i, "key");
      if (key.isPresent()) {
        if (bundle.isEmpty()) {
          throw new IllegalArgumentException(where + ".issue.key needs rootcertbundle, holding the key's certificate");
        }
        PrivateKey k = Pem.privateKey(Path.of(key.get()));
        ib.signingKey(k, certificateOf(k, Pem.certificates(Path.of(bundle.get())), where));
      }
      TokenIssuer built = ib.build();
      issuer = Optional.of(built);
      auth.trust(built.publicKey());
    } else if (bundle.isEmpty() && jwks.isEmpty()) {
      throw new IllegalArgumentException(where + " needs rootcertbundle or jwks to verify tokens");
    }
    if (permissions != null) {
      auth.permissions(permissions);
    }
    return new AuthConfig(auth.build(), issuer);
  }

  /** The path part of the realm: where this registry serves its own token endpoint. */
  private static String realmPath(String realm) {
    String path = realm.startsWith("/") ? realm : URI.create(realm).getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      throw new IllegalArgumentException("auth.token.realm must have a path (such as /auth/token) for issue:");
    }
    return path;
  }

  /** The certificate of the bundle whose public key belongs to {@code key}: one signs, the other verifies. */
  private static X509Certificate certificateOf(PrivateKey key, List<X509Certificate> certs, String where) {
    for (X509Certificate c : certs) {
      if (KeyMatch.matches(key, c.getPublicKey())) {
        return c;
      }
    }
    throw new IllegalArgumentException(where + ".issue.key belongs to no certificate of rootcertbundle");
  }

  private static Duration duration(String value, String where) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(where + ": expected seconds or a duration such as 5m, not '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return unit.equals("h") ? Duration.ofHours(n) : unit.equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> map(Object value, String where) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(where + " must be a mapping");
    }
    return (Map<String, ?>) value;
  }

  private static void known(Map<String, ?> params, Set<String> known, String where) {
    for (String k : params.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(where + "." + k + " is not a known setting (known: " + new TreeSet<>(known) + ")");
      }
    }
  }

  private static String required(Map<String, ?> params, String key, String where) {
    return optional(params, key).orElseThrow(() -> new IllegalArgumentException(where + "." + key + " is required"));
  }

  private static Optional<String> optional(Map<String, ?> params, String key) {
    Object v = params.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Map || v instanceof List) {
      throw new IllegalArgumentException(key + " must be a single value");
    }
    String s = String.valueOf(v).trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
