package registry.http.jdk.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.peers.Peers;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.internal.tls.OpenSsl;

/** PEM files made by {@code openssl}, as an operator makes them, served over real TLS. */
class PemTlsIT {

  @TempDir
  Path tmp;

  /** A self-signed certificate for 127.0.0.1 over an existing key, or over a new one made with {@code newKey}. */
  private Config.Tls certificate(String name, String... newKey) throws IOException, InterruptedException {
    return tls(new OpenSsl(tmp).certificate(name, newKey));
  }

  private static Config.Tls tls(OpenSsl.Pair pair) {
    return new Config.Tls(pair.certificate(), pair.key(), "tls1.2");
  }

  private static void assertServesHttps(Config.Tls tls) throws Exception {
    SSLContext context = PemTls.context(tls);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(tls.certificate())) {
      trusted.setCertificateEntry("registry", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    try (RegistryServer server = RegistryServer.builder().storage(new InMemoryStorageDriver()).tls(context)
        .build().start()) {
      HttpResponse<String> r = HttpClient.newBuilder().sslContext(client).build().send(
          HttpRequest.newBuilder(URI.create(server.uri() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.uri().getScheme()).isEqualTo("https");
    }
  }

  @Test
  void servesRsaPkcs8WithTls12AsTheLeastVersion() throws Exception {
    Config.Tls tls = certificate("rsa", "-newkey", "rsa:2048");
    assertThat(Files.readString(tls.key())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertServesHttps(tls);
    assertThat(PemTls.context(tls).getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(PemTls.context(new Config.Tls(tls.certificate(), tls.key(), "tls1.3")).createSSLEngine()
        .getEnabledProtocols()).containsExactly("TLSv1.3");
  }

  @Test
  void servesEcPkcs8() throws Exception {
    assertServesHttps(certificate("ec", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"));
  }

  @Test
  void servesRsaPkcs1() throws Exception {
    assertServesHttps(tls(new OpenSsl(tmp).pkcs1Rsa("pkcs1")));
  }

  @Test
  void refusesAKeyOfAnotherPair() throws Exception {
    Config.Tls one = certificate("one", "-newkey", "rsa:2048");
    Config.Tls two = certificate("two", "-newkey", "rsa:2048");
    assertThatThrownBy(() -> PemTls.context(new Config.Tls(one.certificate(), two.key(), "tls1.2")))
        .isInstanceOf(ConfigException.class).hasMessage("http.tls.key: does not match the certificate in http.tls.certificate");
  }

  @Test
  void refusesSec1EcKeysAndFilesWithoutPemNamingTheKey() throws Exception {
    new OpenSsl(tmp).run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.key");
    Config.Tls sec1 = certificate("sec1");
    assertThatThrownBy(() -> PemTls.context(sec1)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("http.tls.key: ").hasMessageContaining("openssl pkcs8 -topk8");

    Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a pem file\n");
    assertThatThrownBy(() -> PemTls.context(new Config.Tls(junk, sec1.key(), "tls1.2")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("http.tls.certificate: ");
    assertThatThrownBy(() -> PemTls.context(new Config.Tls(sec1.certificate(), junk, "tls1.2")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("http.tls.key: no PEM private key");
    assertThatThrownBy(() -> PemTls.context(new Config.Tls(tmp.resolve("missing.crt"), junk, "tls1.2")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("http.tls.certificate: cannot read");
  }
}
