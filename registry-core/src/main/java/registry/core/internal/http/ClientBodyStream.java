package registry.core.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Marks every read failure of the request body as a {@link ClientBodyException}. */
final class ClientBodyStream extends FilterInputStream {

  ClientBodyStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (ClientBodyException e) {
      throw e;
    } catch (IOException e) {
      throw new ClientBodyException(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (ClientBodyException e) {
      throw e;
    } catch (IOException e) {
      throw new ClientBodyException(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      throw new ClientBodyException(e);
    }
  }
}
