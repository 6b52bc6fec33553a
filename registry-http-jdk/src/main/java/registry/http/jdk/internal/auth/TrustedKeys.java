package registry.http.jdk.internal.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.X509CertChainUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a token may be signed with, and how a token's header picks one, as distribution
 * does: an {@code x5c} chain that leads to a certificate of the root bundle (PKIX, at the
 * current time) offers its leaf key; a {@code kid} names a trusted key (libtrust id, RFC 7638
 * thumbprint, or a JWKS entry's own id); with neither, every trusted key of the algorithm's
 * type is tried. Only RSA
 * and ECDSA signatures are accepted: {@code none} and HMAC never are, whatever the header says.
 */
public final class TrustedKeys implements JWSKeySelector<SecurityContext> {

  /** The algorithms a token may use. */
  public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final List<X509Certificate> roots;
  private final Set<TrustAnchor> anchors;
  private final Map<String, List<PublicKey>> byId = new HashMap<>();
  private final Set<PublicKey> all = new LinkedHashSet<>();

  private TrustedKeys(List<X509Certificate> roots, List<PublicKey> keys, Map<String, PublicKey> named) {
    this.roots = List.copyOf(roots);
    Set<TrustAnchor> a = new HashSet<>();
    for (X509Certificate root : roots) {
      a.add(new TrustAnchor(root, null));
      add(root.getPublicKey(), null);
    }
    this.anchors = a;
    for (PublicKey k : keys) {
      add(k, null);
    }
    named.forEach((id, k) -> add(k, id));
  }

  /** Trusted keys from certificates (the root bundle), plain keys, and keys with JWKS ids. */
  public static TrustedKeys of(List<X509Certificate> roots, List<PublicKey> keys, Map<String, PublicKey> named) {
    return new TrustedKeys(roots, keys, named);
  }

  /** The public keys of a JWKS file ({@code {"keys":[...]}}), by their {@code kid} when they have one. */
  public static Map<String, PublicKey> jwks(Path file) throws IOException {
    JWKSet set;
    try {
      set = JWKSet.load(file.toFile());
    } catch (ParseException e) {
      throw new IOException(file + " is not a JWK set: " + e.getMessage(), e);
    }
    Map<String, PublicKey> keys = new HashMap<>();
    int unnamed = 0;
    for (JWK jwk : set.getKeys()) {
      if (!(jwk instanceof AsymmetricJWK)) {
        continue; // Shared secrets never verify a token here.
      }
      try {
        PublicKey k = ((AsymmetricJWK) jwk).toPublicKey();
        keys.put(jwk.getKeyID() != null ? jwk.getKeyID() : "\0unnamed-" + unnamed++, k);
      } catch (JOSEException e) {
        throw new IOException(file + ": key " + jwk.getKeyID() + " is not usable: " + e.getMessage(), e);
      }
    }
    if (keys.isEmpty()) {
      throw new IOException(file + " holds no RSA or EC public key");
    }
    return keys;
  }

  private void add(PublicKey key, String id) {
    all.add(key);
    List<String> ids = new ArrayList<>(KeyIds.thumbprints(key));
    ids.add(KeyIds.libtrust(key));
    if (id != null) {
      ids.add(id);
    }
    for (String i : ids) {
      byId.computeIfAbsent(i, x -> new ArrayList<>()).add(key);
    }
  }

  @Override
  public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
    JWSAlgorithm alg = header.getAlgorithm();
    if (!ALGORITHMS.contains(alg)) {
      return List.of();
    }
    // x5c and kid are hints: each can only pick keys this registry trusts anyway (a chain must
    // lead to a root), so a token names its key by either, and with neither all are tried.
    boolean chain = header.getX509CertChain() != null && !header.getX509CertChain().isEmpty();
    List<PublicKey> candidates = new ArrayList<>();
    if (chain) {
      candidates.addAll(chainKey(header));
    }
    if (header.getKeyID() != null) {
      candidates.addAll(byId.getOrDefault(header.getKeyID(), List.of()));
    }
    if (!chain && header.getKeyID() == null) {
      candidates.addAll(all);
    }
    List<PublicKey> fitting = new ArrayList<>();
    for (PublicKey k : candidates) {
      boolean rsa = JWSAlgorithm.Family.RSA.contains(alg) && k instanceof RSAPublicKey;
      boolean ec = JWSAlgorithm.Family.EC.contains(alg) && k instanceof ECPublicKey;
      if (rsa || ec) {
        fitting.add(k);
      }
    }
    return fitting;
  }

  /** The leaf key of the header's chain when the chain leads to a root; else nothing. */
  private List<PublicKey> chainKey(JWSHeader header) {
    try {
      List<X509Certificate> chain = X509CertChainUtils.parse(header.getX509CertChain());
      X509Certificate leaf = chain.get(0);
      if (roots.contains(leaf)) {
        leaf.checkValidity();
        return List.of(leaf.getPublicKey());
      }
      if (anchors.isEmpty()) {
        return List.of();
      }
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      List<X509Certificate> path = new ArrayList<>(chain);
      path.removeIf(roots::contains);
      CertPathValidator.getInstance("PKIX").validate(
          CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return List.of(leaf.getPublicKey());
    } catch (ParseException | GeneralSecurityException | RuntimeException e) {
      return List.of();
    }
  }
}
