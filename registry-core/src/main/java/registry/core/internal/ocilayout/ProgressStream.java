package registry.core.internal.ocilayout;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import registry.core.Descriptor;
import registry.core.layout.Progress;

/** Counts the bytes read through it and reports them to a {@link Progress}, every few MiB. */
final class ProgressStream extends FilterInputStream {

  /** Often enough for a progress bar, rarely enough to cost nothing. */
  static final long STEP = 4L * 1024 * 1024;

  private final Descriptor blob;
  private final Progress progress;
  private long copied;
  private long reported;

  ProgressStream(InputStream in, Descriptor blob, Progress progress) {
    super(in);
    this.blob = blob;
    this.progress = progress;
    progress.update(blob, 0, blob.size());
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

  private void count(int n) {
    if (n > 0) {
      copied += n;
      if (copied - reported >= STEP && copied < blob.size()) {
        reported = copied;
        progress.update(blob, copied, blob.size());
      }
    } else if (n < 0 && reported != copied) {
      // The end: reported once, whatever size it had.
      reported = copied;
      progress.update(blob, copied, blob.size());
    }
  }

  /** Reports the end, for consumers that stop at the size without reading the end of the stream. */
  void finish() {
    if (reported != copied) {
      reported = copied;
      progress.update(blob, copied, blob.size());
    }
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping would pass bytes by unhashed; the readers of this stream never skip.
    throw new IOException("skip is not supported");
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
