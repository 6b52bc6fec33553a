package registry.storage.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's body that aborts its HTTP connection when closed before the end. Closing the SDK's
 * stream normally reads the rest of the body to reuse the connection, which for a client that
 * hangs up early on a large blob would download gigabytes for nothing.
 */
final class ObjectStream extends FilterInputStream {

  private final ResponseInputStream<GetObjectResponse> response;
  private final long length;
  private long read;
  private boolean ended;

  ObjectStream(ResponseInputStream<GetObjectResponse> response) {
    super(response);
    this.response = response;
    Long l = response.response().contentLength();
    this.length = l == null ? -1 : l;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    count(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void count(long n) {
    if (n < 0) {
      ended = true;
    } else {
      read += n;
      ended |= read == length;
    }
  }

  @Override
  public void close() throws IOException {
    if (!ended) {
      response.abort();
    }
    super.close();
  }
}
