package registry.http.jdk.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLSession;

/**
 * An {@link SSLEngine} that does no TLS: it copies plain HTTP bytes through unchanged, so an
 * {@code HttpsServer} over it serves plain HTTP. It exists for one thing the plain JDK server
 * cannot do: answer a TLS ClientHello. When the first byte of a connection is 0x16 (a TLS
 * handshake record) it reports the inbound side closed, and the server's closing wrap then
 * sends {@code HTTP/1.0 400} and the connection ends. A client that probes HTTPS first
 * (skopeo, docker with an insecure registry) reads that, sees no TLS, and falls back to HTTP
 * at once, instead of waiting 20 s for a server that waits for a CRLF that never comes.
 *
 * <p>It never limits how long a request may take, unlike {@code sun.net.httpserver.maxReqTime}.
 */
final class PassThroughEngine extends SSLEngine {

  private static final byte TLS_HANDSHAKE_RECORD = 0x16;
  private static final String EXPLANATION = "This port speaks plain HTTP, not TLS.\n";
  private static final byte[] REFUSAL = ("HTTP/1.0 400 Bad Request\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\n"
      + "Connection: close\r\n"
      + "Content-Length: " + EXPLANATION.length() + "\r\n\r\n" + EXPLANATION)
      .getBytes(StandardCharsets.US_ASCII);

  private enum State { FIRST_BYTE, PLAIN, REFUSING, REFUSED }

  // The server reads and writes one connection from one thread at a time, but the thread
  // changes between exchanges: volatile publishes the state to the next one.
  private volatile State state = State.FIRST_BYTE;
  private volatile boolean inboundDone;
  private volatile boolean outboundDone;
  private final PlainSession session;

  PassThroughEngine(String peerHost, int peerPort) {
    super(peerHost, peerPort);
    this.session = new PlainSession(peerHost, peerPort);
  }

  @Override
  public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
    if (inboundDone) {
      return result(Status.CLOSED, 0, 0);
    }
    if (!src.hasRemaining()) {
      return result(Status.BUFFER_UNDERFLOW, 0, 0);
    }
    if (state == State.FIRST_BYTE) {
      if (src.get(src.position()) == TLS_HANDSHAKE_RECORD) {
        state = State.REFUSING;
        inboundDone = true;
        return result(Status.CLOSED, 0, 0);
      }
      state = State.PLAIN;
    }
    int copied = copy(src, dsts, offset, length);
    if (copied == 0) {
      return result(Status.BUFFER_OVERFLOW, 0, 0);
    }
    return result(Status.OK, copied, copied);
  }

  @Override
  public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
    if (state == State.REFUSING) {
      if (dst.remaining() < REFUSAL.length) {
        return result(Status.BUFFER_OVERFLOW, 0, 0);
      }
      dst.put(REFUSAL);
      state = State.REFUSED;
      outboundDone = true;
      return result(Status.CLOSED, 0, REFUSAL.length);
    }
    if (outboundDone) {
      return result(Status.CLOSED, 0, 0);
    }
    int copied = 0;
    boolean more = false;
    for (int i = offset; i < offset + length; i++) {
      ByteBuffer src = srcs[i];
      copied += copy(src, new ByteBuffer[] {dst}, 0, 1);
      more |= src.hasRemaining();
    }
    if (copied == 0 && more) {
      return result(Status.BUFFER_OVERFLOW, 0, 0);
    }
    return result(Status.OK, copied, copied);
  }

  private static int copy(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
    int copied = 0;
    for (int i = offset; i < offset + length && src.hasRemaining(); i++) {
      ByteBuffer dst = dsts[i];
      int n = Math.min(src.remaining(), dst.remaining());
      if (n == src.remaining()) {
        dst.put(src);
      } else if (n > 0) {
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + n);
        dst.put(part);
        src.position(src.position() + n);
      }
      copied += n;
    }
    return copied;
  }

  private static SSLEngineResult result(Status status, int consumed, int produced) {
    return new SSLEngineResult(status, HandshakeStatus.NOT_HANDSHAKING, consumed, produced);
  }

  @Override
  public Runnable getDelegatedTask() {
    return null;
  }

  @Override
  public void closeInbound() {
    inboundDone = true;
  }

  @Override
  public boolean isInboundDone() {
    return inboundDone;
  }

  @Override
  public void closeOutbound() {
    outboundDone = true;
  }

  @Override
  public boolean isOutboundDone() {
    return outboundDone;
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return new String[0];
  }

  @Override
  public String[] getEnabledCipherSuites() {
    return new String[0];
  }

  @Override
  public void setEnabledCipherSuites(String[] suites) {}

  @Override
  public String[] getSupportedProtocols() {
    return new String[0];
  }

  @Override
  public String[] getEnabledProtocols() {
    return new String[0];
  }

  @Override
  public void setEnabledProtocols(String[] protocols) {}

  @Override
  public SSLSession getSession() {
    return session;
  }

  @Override
  public void beginHandshake() {}

  @Override
  public HandshakeStatus getHandshakeStatus() {
    return HandshakeStatus.NOT_HANDSHAKING;
  }

  @Override
  public void setUseClientMode(boolean mode) {}

  @Override
  public boolean getUseClientMode() {
    return false;
  }

  @Override
  public void setNeedClientAuth(boolean need) {}

  @Override
  public boolean getNeedClientAuth() {
    return false;
  }

  @Override
  public void setWantClientAuth(boolean want) {}

  @Override
  public boolean getWantClientAuth() {
    return false;
  }

  @Override
  public void setEnableSessionCreation(boolean flag) {}

  @Override
  public boolean getEnableSessionCreation() {
    return false;
  }
}
