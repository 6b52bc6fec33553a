package registry.http.jdk.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import registry.core.auth.Scope;

/**
 * Signs tokens in the form distribution's token servers issue: header {@code typ: JWT},
 * {@code alg} RS256 (RSA key) or ES256/ES384/ES512 (by the EC curve), {@code kid} in the
 * libtrust form distribution 2.x looks up in its root bundle, and {@code x5c} with the
 * certificate when there is one; claims {@code iss}, {@code sub}, {@code aud}, {@code exp},
 * {@code nbf}, {@code iat}, {@code jti} and {@code access}. Signing is Nimbus JOSE+JWT's.
 */
public final class TokenSigner {

  private final JWSSigner signer;
  private final JWSHeader header;

  /**
   * @param key the private key (RSA or EC)
   * @param publicKey its public half, which names it ({@code kid})
   * @param certificate the key's certificate for {@code x5c}, or null
   */
  public TokenSigner(PrivateKey key, PublicKey publicKey, X509Certificate certificate) {
    JWSAlgorithm alg;
    try {
      if (key instanceof RSAPrivateKey) {
        signer = new RSASSASigner(key);
        alg = JWSAlgorithm.RS256;
      } else if (key instanceof ECPrivateKey) {
        ECPrivateKey ec = (ECPrivateKey) key;
        Curve curve = Curve.forECParameterSpec(ec.getParams());
        if (Curve.P_256.equals(curve)) {
          alg = JWSAlgorithm.ES256;
        } else if (Curve.P_384.equals(curve)) {
          alg = JWSAlgorithm.ES384;
        } else if (Curve.P_521.equals(curve)) {
          alg = JWSAlgorithm.ES512;
        } else {
          throw new IllegalArgumentException("EC signing keys must be on P-256, P-384 or P-521");
        }
        signer = new ECDSASigner(ec);
      } else {
        throw new IllegalArgumentException("the signing key must be RSA or EC, not " + key.getAlgorithm());
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
    }
    JWSHeader.Builder h = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(KeyIds.libtrust(publicKey));
    if (certificate != null) {
      try {
        h.x509CertChain(List.of(Base64.encode(certificate.getEncoded())));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("unusable certificate: " + e.getMessage(), e);
      }
    }
    this.header = h.build();
  }

  /** A signed token. */
  public String sign(String issuer, String subject, String audience, Instant now, Instant expires, List<Scope> access) {
    List<Map<String, Object>> claim = new ArrayList<>();
    for (Scope s : access) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", s.type());
      entry.put("name", s.name());
      entry.put("actions", s.actions());
      claim.add(entry);
    }
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(expires))
        .jwtID(UUID.randomUUID().toString())
        .claim("access", claim)
        .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }
}
