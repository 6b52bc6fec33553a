package registry.http.jdk.internal;

import java.net.InetSocketAddress;

/** Socket addresses as people and URLs write them: {@code 127.0.0.1:5000}, {@code [::1]:5000}. */
public final class SocketAddresses {

  private SocketAddresses() {}

  /**
   * {@code host:port}, an IPv6 address in brackets and without its zone (which no URL carries).
   * {@link InetSocketAddress#toString()} is not fit for people: it writes {@code /127.0.0.1:5000}.
   */
  public static String hostAndPort(InetSocketAddress address) {
    String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host.replaceFirst("%.*$", "") + "]";
    }
    return host + ":" + address.getPort();
  }
}
