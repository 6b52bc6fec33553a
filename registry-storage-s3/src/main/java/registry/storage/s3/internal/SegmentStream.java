package registry.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import registry.storage.s3.internal.SegmentedFile.Segment;

/**
 * Reads a {@link SegmentedFile} from an offset: one ranged GET per segment, each opened only when
 * the one before it is used up, and bounded by the size the state recorded.
 */
final class SegmentStream extends InputStream {

  private final Bucket bucket;
  private final String sidecar;
  private final List<Segment> segments;
  private int next;
  private long skip;
  private InputStream current;
  private boolean closed;

  SegmentStream(Bucket bucket, String sidecar, List<Segment> segments, long offset) {
    this.bucket = bucket;
    this.sidecar = sidecar;
    this.segments = segments;
    this.skip = offset;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (current == null && !openNext()) {
        return -1;
      }
      int n = current.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      current.close();
      current = null;
    }
  }

  private boolean openNext() throws IOException {
    while (next < segments.size() && skip >= segments.get(next).size()) {
      skip -= segments.get(next).size();
      next++;
    }
    if (next >= segments.size()) {
      return false;
    }
    Segment s = segments.get(next++);
    String key = sidecar + s.name();
    current = bucket.open(key, skip, s.size() - 1).orElseThrow(() -> new IOException(
        "s3: segment s3://" + bucket.name() + "/" + key + " is gone: the file changed while it was read"));
    skip = 0;
    return true;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
