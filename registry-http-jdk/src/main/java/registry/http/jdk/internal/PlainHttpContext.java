package registry.http.jdk.internal;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.security.KeyManagementException;
import java.security.Provider;
import java.security.SecureRandom;
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
 * The {@link SSLContext} that makes an {@code HttpsServer} serve plain HTTP through
 * {@link PassThroughEngine}s, and the configurator that installs it untouched (the default one
 * would ask the context for TLS parameters it does not have).
 */
public final class PlainHttpContext {

  private static final Provider PROVIDER =
      new Provider("RegistryPlainHttp", "1", "plain HTTP through an SSLEngine") {
        private static final long serialVersionUID = 1L;
      };

  private PlainHttpContext() {}

  /** The configurator to pass to {@code HttpsServer.setHttpsConfigurator}. */
  public static HttpsConfigurator configurator() {
    return new HttpsConfigurator(new Context()) {
      @Override
      public void configure(HttpsParameters params) {
        // Nothing to negotiate: leaving the parameters unset keeps the engine as it is.
      }
    };
  }

  private static final class Context extends SSLContext {
    Context() {
      super(new Spi(), PROVIDER, "plain");
    }
  }

  private static final class Spi extends SSLContextSpi {
    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
        throws KeyManagementException {}

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return new PassThroughEngine(null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return new PassThroughEngine(host, port);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw new UnsupportedOperationException("plain HTTP context has no sockets");
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw new UnsupportedOperationException("plain HTTP context has no sockets");
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return null;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return null;
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return new SSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return new SSLParameters();
    }
  }
}
