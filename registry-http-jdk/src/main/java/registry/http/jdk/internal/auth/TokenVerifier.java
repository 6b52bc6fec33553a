package registry.http.jdk.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import registry.core.auth.Scope;

/**
 * Verifies a Docker/OCI bearer token, a signed JWT: the signature by a {@link TrustedKeys}
 * key, {@code iss} equal to the issuer, {@code aud} holding the service, {@code exp} present and
 * not past, {@code nbf} not ahead (both with leeway for clock skew), and reads its
 * {@code access} claim. The checks are Nimbus JOSE+JWT's; nothing here does cryptography.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/jwt/">Token authentication implementation</a>
 */
public final class TokenVerifier {

  /** What a verified token says, and until when it holds. */
  public record Verified(Optional<String> subject, List<Scope> access, Instant expires) {}

  /** A token that must not be trusted; the message is safe to show the client. */
  public static final class InvalidToken extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidToken(String message) {
      super(message);
    }
  }

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @param keys the keys tokens may be signed with
   * @param issuer the required {@code iss}
   * @param service the required {@code aud} (one of)
   * @param leeway the tolerated clock skew for {@code exp} and {@code nbf}
   */
  public TokenVerifier(TrustedKeys keys, String issuer, String service, Duration leeway) {
    processor.setJWSKeySelector(keys);
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        Set.of(service),
        new JWTClaimsSet.Builder().issuer(issuer).build(),
        Set.of("exp"),
        Set.of());
    claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, leeway.toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** The token's subject and access, or {@link InvalidToken} saying what is wrong. */
  public Verified verify(String token) throws InvalidToken {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidToken("malformed token");
    } catch (BadJOSEException e) {
      // Nimbus' messages name the failed check (expired, audience, issuer, signature) and hold
      // no part of the token.
      throw new InvalidToken("invalid token: " + e.getMessage());
    } catch (JOSEException e) {
      throw new InvalidToken("token cannot be verified: " + e.getMessage());
    }
    String subject = claims.getSubject();
    return new Verified(Optional.ofNullable(subject).filter(s -> !s.isEmpty()), access(claims.getClaim("access")),
        claims.getExpirationTime().toInstant());
  }

  /** {@code [{"type":"repository","name":"a","actions":["pull"]}, ...]}; malformed entries grant nothing. */
  private static List<Scope> access(Object claim) {
    List<Scope> access = new ArrayList<>();
    if (!(claim instanceof List)) {
      return access;
    }
    for (Object entry : (List<?>) claim) {
      if (!(entry instanceof Map)) {
        continue;
      }
      Map<?, ?> m = (Map<?, ?>) entry;
      Object type = m.get("type");
      Object name = m.get("name");
      Object actions = m.get("actions");
      if (!(type instanceof String) || !(name instanceof String) || !(actions instanceof List)) {
        continue;
      }
      List<String> list = new ArrayList<>();
      for (Object a : (List<?>) actions) {
        if (a instanceof String && !((String) a).isEmpty() && ((String) a).indexOf(',') < 0
            && ((String) a).indexOf(' ') < 0) {
          list.add((String) a);
        }
      }
      try {
        access.add(new Scope((String) type, (String) name, list));
      } catch (IllegalArgumentException e) {
        // An entry with an empty type or name grants nothing.
      }
    }
    return access;
  }
}
