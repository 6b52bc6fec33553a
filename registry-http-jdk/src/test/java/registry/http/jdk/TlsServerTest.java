package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.storage.InMemoryStorageDriver;

/** Real TLS through {@code tls(SSLContext)}, with a certificate made by the JDK's keytool. */
class TlsServerTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  Path tmp;

  @Test
  void servesHttpsAndHandsOutHttpsUrls() throws Exception {
    KeyStore keys = selfSigned(tmp.resolve("server.p12"));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("registry", keys.getCertificate("registry"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);

    try (RegistryServer server = RegistryServer.builder().storage(new InMemoryStorageDriver())
        .tls(serverContext).build().start()) {
      assertThat(server.uri().toString()).isEqualTo("https://127.0.0.1:" + server.port());
      HttpClient client = HttpClient.newBuilder().sslContext(clientContext).build();
      HttpResponse<String> base = client.send(HttpRequest.newBuilder(server.uri().resolve("/v2/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(base.statusCode()).isEqualTo(200);
      assertThat(base.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
      HttpResponse<Void> upload = client.send(HttpRequest.newBuilder(server.uri().resolve("/v2/app/blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(upload.statusCode()).isEqualTo(202);
      assertThat(upload.headers().firstValue("Location")).get().asString()
          .startsWith("https://127.0.0.1:" + server.port() + "/v2/app/blobs/uploads/");
    }
  }

  /** A keystore holding a fresh self-signed certificate for 127.0.0.1. */
  private static KeyStore selfSigned(Path file) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "registry", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }
}
