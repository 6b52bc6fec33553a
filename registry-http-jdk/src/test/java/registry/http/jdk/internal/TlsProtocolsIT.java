package registry.http.jdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.peers.Peers;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.auth.TestPki;

/**
 * TLS 1.2 at least on the HTTPS server, whatever the JDK's security properties would allow:
 * the configurator offers only TLS 1.3 and 1.2, and openssl finds TLS 1.1 refused.
 */
class TlsProtocolsIT {

  @TempDir
  Path tmp;

  @Test
  void theConfiguratorOffersOnlyTls13And12() throws Exception {
    TestPki pki = TestPki.create(tmp, "server", "EC");
    HttpsConfigurator configurator = HttpServers.modernTls(pki.serverContext());
    SSLParameters[] set = new SSLParameters[1];
    configurator.configure(new HttpsParameters() {
      @Override
      public HttpsConfigurator getHttpsConfigurator() {
        return configurator;
      }

      @Override
      public InetSocketAddress getClientAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
      }

      @Override
      public void setSSLParameters(SSLParameters params) {
        set[0] = params;
      }
    });
    assertThat(set[0].getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void opensslConnectsWithTls12And13AndIsRefusedTls11() throws Exception {
    Path openssl = Peers.require("openssl", "openssl");
    TestPki pki = TestPki.create(tmp, "server", "EC");
    try (RegistryServer server = RegistryServer.builder().storage(new InMemoryStorageDriver())
        .tls(pki.serverContext()).build().start()) {
      String target = "127.0.0.1:" + server.port();
      assertThat(handshake(openssl, target, "-tls1_3")).contains("New, TLSv1.3, Cipher is TLS_");
      assertThat(handshake(openssl, target, "-tls1_2")).contains("New, TLSv1.2, Cipher is ");
      // SECLEVEL=0 lets this openssl offer TLS 1.1 at all: the refusal must come from the server.
      assertThat(handshake(openssl, target, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")).contains("Cipher is (NONE)");
    }
  }

  private static String handshake(Path openssl, String target, String... options) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(openssl.toString(), "s_client", "-connect", target));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
