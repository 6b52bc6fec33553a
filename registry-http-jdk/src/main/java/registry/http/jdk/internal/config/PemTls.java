package registry.http.jdk.internal.config;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import registry.http.jdk.internal.tls.KeyMatch;
import registry.http.jdk.internal.tls.Pem;
import registry.http.jdk.internal.tls.TlsProtocols;

/**
 * Builds a server {@link SSLContext} from the PEM files of {@code http.tls} (what
 * {@link Pem} reads), naming the setting at fault when one is wrong. The key must match the
 * certificate, and TLS 1.2 is the least version offered.
 */
public final class PemTls {

  private static final char[] PASSWORD = "in-memory".toCharArray();

  private PemTls() {}

  /**
   * The context for {@code tls}.
   *
   * @throws ConfigException naming {@code http.tls.certificate} or {@code http.tls.key} when a
   *     file is unreadable, holds no usable PEM, or the key does not match the certificate
   */
  public static SSLContext context(Config.Tls tls) throws ConfigException {
    List<X509Certificate> chain = read("http.tls.certificate", () -> Pem.certificates(tls.certificate()));
    PrivateKey key = read("http.tls.key", () -> Pem.privateKey(tls.key()));
    if (!KeyMatch.matches(key, chain.get(0).getPublicKey())) {
      throw new ConfigException("http.tls.key", "does not match the certificate in http.tls.certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, PASSWORD, chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return TlsProtocols.limit(context, TlsProtocols.atLeast(tls.minimumTls()));
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("http.tls", "cannot set up TLS: " + e.getMessage());
    }
  }

  private interface PemRead<T> {
    T read() throws IOException;
  }

  private static <T> T read(String key, PemRead<T> read) throws ConfigException {
    try {
      return read.read();
    } catch (IOException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }
}
