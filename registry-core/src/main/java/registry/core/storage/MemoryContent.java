package registry.core.storage;

import java.io.InputStream;

/**
 * The bytes of one in-memory file: an immutable view of chunks. Every chunk but the last holds
 * exactly {@link #CHUNK} bytes, so an offset finds its chunk by division.
 *
 * <p>Chunks may be shared with the {@link MemoryContentBuilder} that made them and with other
 * contents built on them; that is safe because no one ever changes a byte below a published
 * length (builders copy a partly filled last chunk before writing into it).
 */
final class MemoryContent {

  /** Chunk size: large enough that big files are few arrays, small enough to copy cheaply. */
  static final int CHUNK = 64 * 1024;

  /** No bytes. */
  static final MemoryContent EMPTY = new MemoryContent(new byte[0][], 0);

  private final byte[][] chunks;
  private final long length;

  MemoryContent(byte[][] chunks, long length) {
    this.chunks = chunks;
    this.length = length;
  }

  /** A content holding a copy of {@code bytes}. */
  static MemoryContent copyOf(byte[] bytes) {
    MemoryContentBuilder b = new MemoryContentBuilder(EMPTY);
    b.write(bytes, 0, bytes.length);
    return b.build();
  }

  long length() {
    return length;
  }

  /** The chunks; callers must not change them. */
  byte[][] chunks() {
    return chunks;
  }

  /** A copy of all bytes. */
  byte[] toByteArray() {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("file of " + length + " bytes is too large for an array");
    }
    byte[] out = new byte[(int) length];
    int pos = 0;
    for (byte[] chunk : chunks) {
      int n = Math.min(chunk.length, out.length - pos);
      System.arraycopy(chunk, 0, out, pos, n);
      pos += n;
    }
    return out;
  }

  /** A stream of the bytes from {@code offset}; empty at or past the end. */
  InputStream open(long offset) {
    return new Stream(Math.min(offset, length));
  }

  @Override
  public String toString() {
    return "MemoryContent[" + length + " bytes in " + chunks.length + " chunks]";
  }

  /** Reads a content; the content never changes, so the stream needs no locking. */
  private final class Stream extends InputStream {
    private long position;
    private long mark;

    Stream(long position) {
      this.position = position;
    }

    @Override
    public int read() {
      if (position >= length) {
        return -1;
      }
      byte b = chunks[(int) (position / CHUNK)][(int) (position % CHUNK)];
      position++;
      return b & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (position >= length) {
        return -1;
      }
      int total = 0;
      while (total < len && position < length) {
        byte[] chunk = chunks[(int) (position / CHUNK)];
        int inChunk = (int) (position % CHUNK);
        int n = (int) Math.min(Math.min(len - total, CHUNK - inChunk), length - position);
        System.arraycopy(chunk, inChunk, b, off + total, n);
        total += n;
        position += n;
      }
      return total;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, length - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    @Override
    public boolean markSupported() {
      return true;
    }

    @Override
    public void mark(int readlimit) {
      mark = position;
    }

    @Override
    public void reset() {
      position = mark;
    }
  }
}
