package registry.http.jdk.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files, read with the JDK alone: certificate bundles, and private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC, EdDSA) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what
 * {@code openssl genrsa -traditional} and many certificate tools still write). Every caller
 * (the TLS server, the token signer, the token verifier) reads through here, so a key that works
 * for one works for all.
 */
public final class Pem {

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  /** Tried in turn on a PKCS#8 key: its algorithm is inside the DER, which the JDK will not name. */
  private static final List<String> ALGORITHMS = List.of("RSA", "EC", "EdDSA");

  private Pem() {}

  /**
   * Every certificate of a PEM bundle; at least one.
   *
   * @throws IOException starting {@code cannot read} when the file cannot be read, else saying
   *     why it holds no certificate; the message names the file
   */
  public static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> certs = new ArrayList<>();
    try (InputStream in = open(file)) {
      for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
    } catch (CertificateException e) {
      throw new IOException(file + " holds no PEM certificate: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new IOException(file + " holds no PEM certificate");
    }
    return certs;
  }

  /**
   * The private key of a PEM file: the first PKCS#8 or PKCS#1 RSA block. SEC1 EC keys and
   * encrypted keys are refused with the openssl command that converts them.
   *
   * @throws IOException starting {@code cannot read} when the file cannot be read, else saying
   *     what is wrong with it; the message names the file
   */
  public static PrivateKey privateKey(Path file) throws IOException {
    String text;
    try (InputStream in = open(file)) {
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      switch (m.group(1)) {
        case "PRIVATE KEY":
          return pkcs8(file, base64(file, m.group(2)));
        case "RSA PRIVATE KEY":
          return pkcs8(file, Pkcs1.toPkcs8(base64(file, m.group(2))));
        case "EC PRIVATE KEY":
          throw new IOException(file + " is an EC key in SEC1 form; convert it to PKCS#8 with"
              + " `openssl pkcs8 -topk8 -nocrypt -in " + file + "`");
        case "ENCRYPTED PRIVATE KEY":
          throw new IOException(file + " is encrypted; decrypt it with `openssl pkcs8 -in " + file + "`");
        default:
          // Other blocks (EC PARAMETERS, a certificate kept with the key) are not the key.
      }
    }
    throw new IOException("no PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) in " + file);
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e, e);
    }
  }

  private static byte[] base64(Path file, String body) throws IOException {
    try {
      return Base64.getMimeDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": the private key is not valid base64", e);
    }
  }

  private static PrivateKey pkcs8(Path file, byte[] der) throws IOException {
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm's key: try the next.
      }
    }
    throw new IOException(file + ": the private key is none of " + ALGORITHMS);
  }
}
