package registry.http.jdk.internal.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds a server {@link SSLContext} from the PEM files of {@code http.tls}, with the JDK alone:
 * a certificate chain, and a private key in PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, EdDSA)
 * or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). The key must match the certificate, and TLS 1.2 is
 * the least version offered.
 */
public final class PemTls {

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final char[] PASSWORD = "in-memory".toCharArray();

  private PemTls() {}

  /**
   * The context for {@code tls}.
   *
   * @throws ConfigException naming {@code http.tls.certificate} or {@code http.tls.key} when a
   *     file is unreadable, holds no usable PEM, or the key does not match the certificate
   */
  public static SSLContext context(Config.Tls tls) throws ConfigException {
    List<Certificate> chain = certificates(tls.certificate());
    PrivateKey key = privateKey(tls.key(), chain.get(0).getPublicKey().getAlgorithm());
    requireMatch(key, chain.get(0));
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, PASSWORD, chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return ProtocolLimitedContext.of(context,
          tls.minimumTls().equals("tls1.3") ? List.of("TLSv1.3") : List.of("TLSv1.3", "TLSv1.2"));
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("http.tls", "cannot set up TLS: " + e.getMessage());
    }
  }

  private static List<Certificate> certificates(Path file) throws ConfigException {
    String key = "http.tls.certificate";
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (chain.isEmpty()) {
        throw new ConfigException(key, "no certificate in " + file);
      }
      return chain;
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file + ": " + e);
    } catch (CertificateException e) {
      throw new ConfigException(key, file + " holds no PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file, String algorithm) throws ConfigException {
    String key = "http.tls.key";
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file + ": " + e);
    }
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (m.group(1)) {
        case "PRIVATE KEY":
          return decode(key, file, algorithm, der);
        case "RSA PRIVATE KEY":
          return decode(key, file, algorithm, rsaPkcs1ToPkcs8(der));
        case "EC PRIVATE KEY":
          throw new ConfigException(key, file + " is an EC key in SEC1 form; convert it to PKCS#8 with"
              + " `openssl pkcs8 -topk8 -nocrypt -in " + file + "`");
        case "ENCRYPTED PRIVATE KEY":
          throw new ConfigException(key, file + " is encrypted; decrypt it with `openssl pkcs8 -in " + file + "`");
        default:
          // Other blocks (EC PARAMETERS, a certificate kept with the key) are not the key.
      }
    }
    throw new ConfigException(key, "no PEM private key (BEGIN PRIVATE KEY) in " + file);
  }

  private static PrivateKey decode(String key, Path file, String algorithm, byte[] pkcs8) throws ConfigException {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new ConfigException(key, file + " is not a " + algorithm + " private key as the certificate needs: "
          + e.getMessage());
    }
  }

  /** Signs and verifies a few bytes: a key of the right type yet another pair fails here, not at the first handshake. */
  private static void requireMatch(PrivateKey key, Certificate certificate) throws ConfigException {
    String algorithm;
    switch (key.getAlgorithm()) {
      case "RSA": algorithm = "SHA256withRSA"; break;
      case "EC": algorithm = "SHA256withECDSA"; break;
      case "Ed25519": case "Ed448": case "EdDSA": algorithm = key.getAlgorithm(); break;
      default: return;
    }
    try {
      byte[] probe = "registry".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new ConfigException("http.tls.key", "does not match the certificate in http.tls.certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new ConfigException("http.tls.key", "cannot be used with the certificate: " + e.getMessage());
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key. */
  static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] versionAndAlgorithm = {
        0x02, 0x01, 0x00,
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(versionAndAlgorithm);
    body.write(0x04);
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
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
