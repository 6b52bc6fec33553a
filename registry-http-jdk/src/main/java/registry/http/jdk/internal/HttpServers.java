package registry.http.jdk.internal;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import registry.http.jdk.internal.tls.TlsProtocols;

/** Creates the JDK server of the right kind: real TLS, plain HTTP that answers TLS probes, or the bare plain server. */
public final class HttpServers {

  private static final String NODELAY = "sun.net.httpserver.nodelay";

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

  /** A configurator that offers what {@link TlsProtocols#serverParameters} allows. */
  static HttpsConfigurator modernTls(SSLContext tls) {
    return new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        params.setSSLParameters(TlsProtocols.serverParameters(getSSLContext()));
      }
    };
  }
}
