package registry.http.jdk.internal;

import java.security.Principal;
import java.security.cert.Certificate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The "session" of a {@link PassThroughEngine}: no cryptography, only the buffer sizes the JDK
 * server allocates its four per-connection buffers from. 64 KiB each keeps downloads at the
 * plain server's speed; the TLS-record-sized 16 KiB of a real session cost a third of it.
 */
final class PlainSession implements SSLSession {

  static final int BUFFER_SIZE = 64 * 1024;

  private final long created = System.currentTimeMillis();
  private final String peerHost;
  private final int peerPort;
  private final ConcurrentMap<String, Object> values = new ConcurrentHashMap<>();

  PlainSession(String peerHost, int peerPort) {
    this.peerHost = peerHost;
    this.peerPort = peerPort;
  }

  @Override
  public int getPacketBufferSize() {
    return BUFFER_SIZE;
  }

  @Override
  public int getApplicationBufferSize() {
    return BUFFER_SIZE;
  }

  @Override
  public byte[] getId() {
    return new byte[0];
  }

  @Override
  public SSLSessionContext getSessionContext() {
    return null;
  }

  @Override
  public long getCreationTime() {
    return created;
  }

  @Override
  public long getLastAccessedTime() {
    return created;
  }

  @Override
  public void invalidate() {}

  @Override
  public boolean isValid() {
    return false;
  }

  @Override
  public void putValue(String name, Object value) {
    values.put(name, value);
  }

  @Override
  public Object getValue(String name) {
    return values.get(name);
  }

  @Override
  public void removeValue(String name) {
    values.remove(name);
  }

  @Override
  public String[] getValueNames() {
    return values.keySet().toArray(new String[0]);
  }

  @Override
  public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
    throw new SSLPeerUnverifiedException("plain HTTP connection");
  }

  @Override
  public Certificate[] getLocalCertificates() {
    return null;
  }

  @Override
  public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
    throw new SSLPeerUnverifiedException("plain HTTP connection");
  }

  @Override
  public Principal getLocalPrincipal() {
    return null;
  }

  @Override
  public String getCipherSuite() {
    return "SSL_NULL_WITH_NULL_NULL";
  }

  @Override
  public String getProtocol() {
    return "NONE";
  }

  @Override
  public String getPeerHost() {
    return peerHost;
  }

  @Override
  public int getPeerPort() {
    return peerPort;
  }
}
