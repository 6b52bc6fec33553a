package registry.http.jdk.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * The request body as the handler reads it, remembering how far it got: whether what is left
 * is worth reading before the answer, so that a client still sending gets to read it, or the
 * answer should go at once and the connection be closed.
 */
final class UnreadBody extends FilterInputStream {

  private long consumed;
  private boolean eof;
  private boolean broken;

  UnreadBody(InputStream in) {
    super(in);
  }

  /**
   * Whether the rest is worth reading: no read failed (a chunked body with a bad size cannot be
   * framed any more, and reading on would wait for bytes that mean nothing) and at most
   * {@code limit} bytes are announced and still unread (a client may announce a body far over
   * any cap and never send it).
   *
   * @param declaredLength the request's {@code Content-Length}, if it has one
   */
  boolean worthDraining(OptionalLong declaredLength, long limit) {
    if (broken) {
      return false;
    }
    if (eof) {
      return true;
    }
    return declaredLength.isEmpty() || declaredLength.getAsLong() - consumed <= limit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = in.read(b, off, len);
      if (n < 0) {
        eof = true;
      } else {
        consumed += n;
      }
      return n;
    } catch (IOException e) {
      broken = true;
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      long skipped = in.skip(n);
      consumed += skipped;
      return skipped;
    } catch (IOException e) {
      broken = true;
      throw e;
    }
  }
}
