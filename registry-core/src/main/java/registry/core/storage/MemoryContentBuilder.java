package registry.core.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends bytes to a {@link MemoryContent}. Not thread-safe: one writer owns it.
 *
 * <p>Full chunks of the base are shared, never copied; the partly filled last chunk is copied,
 * so two builders started from the same base cannot overwrite each other's bytes.
 */
final class MemoryContentBuilder {

  private static final int CHUNK = MemoryContent.CHUNK;

  private final List<byte[]> full = new ArrayList<>();
  private byte[] tail;
  private int tailUsed;
  private long length;

  /** Starts with the bytes of {@code base}. */
  MemoryContentBuilder(MemoryContent base) {
    byte[][] chunks = base.chunks();
    length = base.length();
    for (int i = 0; i < chunks.length; i++) {
      boolean last = i == chunks.length - 1;
      if (!last || length % CHUNK == 0) {
        full.add(chunks[i]);
      } else {
        tailUsed = (int) (length % CHUNK);
        tail = Arrays.copyOf(chunks[i], Math.min(CHUNK, Math.max(tailUsed * 2, 256)));
      }
    }
  }

  long length() {
    return length;
  }

  /** Appends {@code len} bytes of {@code b} from {@code off}. */
  void write(byte[] b, int off, int len) {
    while (len > 0) {
      if (tail == null || tailUsed == tail.length) {
        grow(len);
      }
      int n = Math.min(len, tail.length - tailUsed);
      System.arraycopy(b, off, tail, tailUsed, n);
      tailUsed += n;
      off += n;
      len -= n;
      length += n;
    }
  }

  /**
   * Makes room in the tail. Small files get a tail sized to what they hold (links and manifests
   * would waste most of a 64 KiB chunk); the tail doubles until it reaches a full chunk.
   */
  private void grow(int wanted) {
    if (tail != null && tail.length == CHUNK) {
      full.add(tail);
      tail = null;
      tailUsed = 0;
    }
    if (tail == null) {
      tail = new byte[Math.min(CHUNK, wanted)];
    } else {
      tail = Arrays.copyOf(tail, Math.min(CHUNK, Math.max(tail.length * 2, tailUsed + wanted)));
    }
  }

  /**
   * The content so far. The builder must not be written to afterwards, since the content shares
   * its tail.
   */
  MemoryContent build() {
    byte[][] chunks = full.toArray(new byte[full.size() + (tailUsed > 0 ? 1 : 0)][]);
    if (tailUsed > 0) {
      chunks[chunks.length - 1] = tail;
    }
    return new MemoryContent(chunks, length);
  }
}
