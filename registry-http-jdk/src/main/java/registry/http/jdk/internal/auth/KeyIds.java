package registry.http.jdk.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key ids a token's {@code kid} header may carry for a public key. Distribution 2.x names
 * the keys of its {@code rootcertbundle} by the libtrust form: the SHA-256 of the key's DER
 * (SubjectPublicKeyInfo), cut to 240 bits, in base32, as twelve groups of four characters
 * joined by colons. JWK users name keys by their RFC 7638 thumbprint. Both are accepted.
 */
public final class KeyIds {

  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private KeyIds() {}

  /** The libtrust-style id of a key, such as {@code ABCD:EFGH:...} (12 groups). */
  public static String libtrust(PublicKey key) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    String b32 = base32(Arrays.copyOf(digest, 30));
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < b32.length(); i += 4) {
      if (i > 0) {
        id.append(':');
      }
      id.append(b32, i, i + 4);
    }
    return id.toString();
  }

  /** The RFC 7638 thumbprint of an RSA or EC key, or empty for other types. */
  public static List<String> thumbprints(PublicKey key) {
    List<String> ids = new ArrayList<>();
    try {
      JWK jwk = null;
      if (key instanceof RSAPublicKey) {
        jwk = new RSAKey.Builder((RSAPublicKey) key).build();
      } else if (key instanceof ECPublicKey) {
        ECPublicKey ec = (ECPublicKey) key;
        jwk = new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build();
      }
      if (jwk != null) {
        ids.add(jwk.computeThumbprint().toString());
      }
    } catch (JOSEException | RuntimeException e) {
      // An EC curve JOSE does not name: the key has no thumbprint id, only the libtrust one.
    }
    return ids;
  }

  /** RFC 4648 base32 without padding; 30 bytes give exactly 48 characters. */
  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}
