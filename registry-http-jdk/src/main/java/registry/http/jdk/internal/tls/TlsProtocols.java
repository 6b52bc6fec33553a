package registry.http.jdk.internal.tls;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Which TLS versions the server offers: TLS 1.2 at least, whatever the context or the JDK's
 * {@code java.security} (which a deployment may have loosened) would allow; and a context may be
 * narrowed further, to TLS 1.3 alone.
 */
public final class TlsProtocols {

  /** The versions offered at most, newest first. */
  public static final List<String> MODERN = List.of("TLSv1.3", "TLSv1.2");

  private TlsProtocols() {}

  /** The versions for distribution's {@code http.tls.minimumtls} ({@code tls1.2} or {@code tls1.3}). */
  public static List<String> atLeast(String minimumTls) {
    return minimumTls.equals("tls1.3") ? List.of("TLSv1.3") : MODERN;
  }

  /** A context whose engines and default parameters offer only {@code protocols}. */
  public static SSLContext limit(SSLContext context, List<String> protocols) {
    return ProtocolLimitedContext.of(context, protocols);
  }

  /**
   * The server's parameters for {@code context}: its defaults, offering only {@link #MODERN}
   * versions, and of them only those the context enables (a context limited to TLS 1.3 stays so).
   *
   * @throws IllegalStateException when the context enables neither TLS 1.3 nor TLS 1.2
   */
  public static SSLParameters serverParameters(SSLContext context) {
    SSLParameters p = context.getDefaultSSLParameters();
    List<String> offered = Arrays.asList(p.getProtocols());
    String[] enabled = MODERN.stream().filter(offered::contains).toArray(String[]::new);
    if (enabled.length == 0) {
      throw new IllegalStateException("the TLS context enables neither TLS 1.3 nor TLS 1.2: " + offered);
    }
    p.setProtocols(enabled);
    return p;
  }
}
