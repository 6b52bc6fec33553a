package registry.http.jdk.internal.tls;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose engines offer only the given protocol versions. The JDK's
 * {@code HttpsServer} takes its parameters from {@link SSLContext#getDefaultSSLParameters()} and
 * its engines from {@link SSLContext#createSSLEngine()}, so limiting both is enough; a context
 * cannot be limited otherwise short of a JVM-wide security property.
 */
final class ProtocolLimitedContext extends SSLContext {

  private ProtocolLimitedContext(SSLContext inner, String[] protocols) {
    super(new Spi(inner, protocols), inner.getProvider(), inner.getProtocol());
  }

  static SSLContext of(SSLContext inner, List<String> protocols) {
    return new ProtocolLimitedContext(inner, protocols.toArray(String[]::new));
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext inner;
    private final String[] protocols;

    Spi(SSLContext inner, String[] protocols) {
      this.inner = inner;
      this.protocols = protocols;
    }

    private SSLEngine limit(SSLEngine engine) {
      engine.setEnabledProtocols(protocols);
      return engine;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
      inner.init(km, tm, random);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return inner.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return inner.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return limit(inner.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return limit(inner.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return inner.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return inner.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      SSLParameters p = inner.getDefaultSSLParameters();
      p.setProtocols(protocols);
      return p;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return inner.getSupportedSSLParameters();
    }
  }
}
