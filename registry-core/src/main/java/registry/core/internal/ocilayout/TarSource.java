package registry.core.internal.ocilayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A layout inside an uncompressed tar, read in place: the headers are indexed once, then each
 * file is a window of the archive, so blobs can be read in whatever order the import needs
 * (tars from {@code docker save} put {@code index.json} after the blobs) and nothing is unpacked.
 */
final class TarSource implements LayoutSource {

  private final Path path;
  private final FileChannel channel;
  private final Map<String, TarIndex.Entry> entries;
  private final boolean deleteOnClose;

  private TarSource(Path path, FileChannel channel, Map<String, TarIndex.Entry> entries, boolean deleteOnClose) {
    this.path = path;
    this.channel = channel;
    this.entries = entries;
    this.deleteOnClose = deleteOnClose;
  }

  /** Opens and indexes a tar; {@code deleteOnClose} for a temporary file. */
  static TarSource open(Path path, boolean deleteOnClose) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new TarSource(path, channel, TarIndex.scan(channel), deleteOnClose);
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (deleteOnClose) {
        Files.deleteIfExists(path);
      }
      throw e;
    }
  }

  @Override
  public OptionalLong size(String name) {
    TarIndex.Entry e = entries.get(name);
    return e == null ? OptionalLong.empty() : OptionalLong.of(e.size());
  }

  @Override
  public InputStream open(String name) throws IOException {
    TarIndex.Entry e = entries.get(name);
    if (e == null) {
      throw new NoSuchFileException(name, null, "not in " + path);
    }
    return new Window(channel, e.offset(), e.size());
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      if (deleteOnClose) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /** A stream over a range of the archive, by positional reads (the channel's position is unused). */
  private static final class Window extends InputStream {
    private final FileChannel channel;
    private long position;
    private long remaining;

    Window(FileChannel channel, long offset, long size) {
      this.channel = channel;
      this.position = offset;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
      if (n < 0) {
        throw new java.io.EOFException("tar archive ended inside an entry");
      }
      position += n;
      remaining -= n;
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, remaining));
      position += skipped;
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
  }
}
