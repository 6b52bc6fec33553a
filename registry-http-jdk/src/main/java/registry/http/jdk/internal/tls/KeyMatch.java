package registry.http.jdk.internal.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/**
 * Whether a private key and a public key (a certificate's) are one pair: checked by signing a
 * few bytes and verifying them, so that a key of the right type yet of another pair fails when
 * the configuration is read, not at the first handshake or the first token.
 */
public final class KeyMatch {

  private static final byte[] PROBE = "registry key check".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  /**
   * True when {@code publicKey} verifies what {@code key} signs; false when it does not, or the
   * two are of different algorithms.
   *
   * @throws IllegalArgumentException when the key's algorithm is not one this probe can sign with
   */
  public static boolean matches(PrivateKey key, PublicKey publicKey) {
    if (!family(key.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
      return false;
    }
    String algorithm = signatureAlgorithm(key).orElseThrow(() ->
        new IllegalArgumentException("cannot check a " + key.getAlgorithm() + " key against its certificate"));
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Optional<String> signatureAlgorithm(PrivateKey key) {
    switch (family(key.getAlgorithm())) {
      case "RSA":
        return Optional.of("SHA256withRSA");
      case "EC":
        return Optional.of("SHA256withECDSA");
      case "EdDSA":
        return Optional.of("EdDSA");
      default:
        return Optional.empty();
    }
  }

  /** The JDK names an Edwards key EdDSA or by its curve, depending on where it was read. */
  private static String family(String algorithm) {
    return algorithm.equals("Ed25519") || algorithm.equals("Ed448") ? "EdDSA" : algorithm;
  }
}
