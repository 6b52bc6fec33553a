package registry.storage.fs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads a file from an offset. Small reads are served from a buffer; reads of at least the
 * buffer's size go straight into the caller's array, in bounded slices.
 */
public final class ChannelReader extends InputStream {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).limit(0);

  private ChannelReader(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code file} positioned at {@code offset}; past the end it reads nothing. */
  public static InputStream open(Path file, long offset) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(offset);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new ChannelReader(channel);
  }

  @Override
  public int read() throws IOException {
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    return buffer.get() & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (buffer.hasRemaining()) {
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      return n;
    }
    if (len >= BUFFER_SIZE) {
      int n = channel.read(ByteBuffer.wrap(b, off, Math.min(len, DurableFiles.MAX_SLICE)));
      return n == 0 ? -1 : n; // a blocking file channel returns 0 only at the end
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long fromBuffer = Math.min(n, buffer.remaining());
    buffer.position(buffer.position() + (int) fromBuffer);
    long position = channel.position();
    long fromFile = Math.max(0, Math.min(n - fromBuffer, channel.size() - position));
    channel.position(position + fromFile);
    return fromBuffer + fromFile;
  }

  @Override
  public int available() {
    return buffer.remaining();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private boolean fill() throws IOException {
    buffer.clear();
    int n = channel.read(buffer);
    buffer.flip();
    return n > 0;
  }
}
