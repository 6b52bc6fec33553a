package registry.http.jdk.internal;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** Creates the JDK server of the right kind: real TLS, plain HTTP that answers TLS probes, or the bare plain server. */
public final class HttpServers {

  private static final String NODELAY = "sun.net.httpserver.nodelay";

  /** TLS 1.2 at least, whatever the context or the JDK's security properties would allow. */
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private HttpServers() {}

  /**
   * A bound, unstarted server.
   *
   * @param tls the TLS context, or null for plain HTTP
   * @param answerTlsProbes for plain HTTP, whether a TLS ClientHello gets a prompt 400
   */
  public static HttpServer create(InetSocketAddress address, int backlog, SSLContext tls,
      boolean answerTlsProbes) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      // Read once, when the JDK's ServerConfig class loads: it must be set before any server
      // exists, or small keep-alive responses wait about 40 ms each on Nagle.
      System.setProperty(NODELAY, "true");
    }
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, backlog);
      https.setHttpsConfigurator(modernTls(tls));
      return https;
    }
    if (answerTlsProbes) {
      HttpsServer plain = HttpsServer.create(address, backlog);
      plain.setHttpsConfigurator(PlainHttpContext.configurator());
      return plain;
    }
    return HttpServer.create(address, backlog);
  }

  /**
   * A configurator that offers only {@link #PROTOCOLS}, and of them only those the context
   * enables by default (a context limited to TLS 1.3 stays so): the JDK's own defaults depend
   * on {@code java.security}, which a deployment may have loosened.
   */
  static HttpsConfigurator modernTls(SSLContext tls) {
    return new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        List<String> offered = Arrays.asList(p.getProtocols());
        String[] enabled = PROTOCOLS.stream().filter(offered::contains).toArray(String[]::new);
        if (enabled.length == 0) {
          throw new IllegalStateException("the TLS context enables neither TLS 1.3 nor TLS 1.2: " + offered);
        }
        p.setProtocols(enabled);
        params.setSSLParameters(p);
      }
    };
  }
}
