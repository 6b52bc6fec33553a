package registry.http.jdk.internal.tls;

import java.io.ByteArrayOutputStream;

/**
 * PKCS#1 RSA keys as the JDK reads them: its {@code KeyFactory} takes PKCS#8 only, and a
 * PKCS#1 RSAPrivateKey is the payload of a PKCS#8 PrivateKeyInfo with a fixed header.
 */
final class Pkcs1 {

  /** DER of INTEGER 0 (the version) and the AlgorithmIdentifier rsaEncryption with NULL parameters. */
  private static final byte[] VERSION_AND_RSA = {
      0x02, 0x01, 0x00,
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private Pkcs1() {}

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key. */
  static byte[] toPkcs8(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(VERSION_AND_RSA);
    body.write(0x04); // OCTET STRING
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30); // SEQUENCE
    out.writeBytes(derLength(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derLength(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
    byte[] b = new byte[bytes + 1];
    b[0] = (byte) (0x80 | bytes);
    for (int i = bytes; i > 0; i--) {
      b[i] = (byte) length;
      length >>>= 8;
    }
    return b;
  }
}
