package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import registry.core.spi.StorageWriter;

/**
 * Writes one file of the filesystem driver.
 *
 * <p>An appending writer writes the target file in place, as distribution does for an upload's
 * data file: it is the unfinished file, and the registry publishes a blob by moving it. A
 * replacing writer ({@code append} false) writes a temporary file beside the target and renames
 * it over the target when it is closed or committed, so the old content stays whole until then.
 * Close without commit must rename too: the SPI promises that a closed writer's bytes can be
 * read back and continued at the path.
 *
 * <p>{@link #commit()} forces the file and its directory to the disk; {@link #close()} only
 * hands the bytes to the operating system, which is enough for readers and for continuing.
 */
public final class FilesystemWriter extends StorageWriter {

  /** Writes smaller than this are gathered; larger ones go straight to the channel. */
  private static final int BUFFER_SIZE = 64 * 1024;

  private enum State { OPEN, CLOSED, COMMITTED, CANCELLED }

  private final String path;
  private final Path target;
  private final Path file;
  private final boolean replacing;
  private final FileChannel channel;
  private final Writeback writeback;
  private ByteBuffer buffer;
  private long size;
  private State state = State.OPEN;

  private FilesystemWriter(String path, Path target, Path file, FileChannel channel, long size) {
    this.path = path;
    this.target = target;
    this.file = file;
    this.replacing = !file.equals(target);
    this.channel = channel;
    this.writeback = new Writeback(file);
    this.size = size;
  }

  /**
   * Opens a writer of {@code target}, the file of storage path {@code path} (named in messages).
   */
  public static FilesystemWriter open(String path, Path target, boolean append) throws IOException {
    if (Files.isDirectory(target)) {
      throw new java.nio.file.FileSystemException(path, null, "is a directory");
    }
    if (append) {
      FileChannel channel = DurableFiles.open(target,
          StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new FilesystemWriter(path, target, target, channel, channel.size());
    }
    Path temp = DurableFiles.temporaryBeside(target);
    FileChannel channel = DurableFiles.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new FilesystemWriter(path, target, temp, channel, 0);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    requireOpen();
    if (len >= BUFFER_SIZE) {
      flushBuffer();
      writeOut(ByteBuffer.wrap(b, off, len));
    } else {
      if (buffer == null) {
        buffer = ByteBuffer.allocate(BUFFER_SIZE);
      } else if (buffer.remaining() < len) {
        flushBuffer();
      }
      buffer.put(b, off, len);
    }
    size += len;
  }

  @Override
  public void commit() throws IOException {
    requireOpen();
    state = State.COMMITTED;
    finish(true);
  }

  @Override
  public void cancel() throws IOException {
    requireOpen();
    state = State.CANCELLED;
    try {
      channel.close();
    } finally {
      // An appending writer owns the unfinished file, earlier writers' bytes included.
      Files.deleteIfExists(file);
    }
  }

  @Override
  public void close() throws IOException {
    if (state == State.OPEN) {
      state = State.CLOSED;
      finish(false);
    }
  }

  /** Writes out what is buffered, closes, and (replacing) renames onto the target. */
  private void finish(boolean durable) throws IOException {
    try {
      try {
        flushBuffer();
        if (durable) {
          channel.force(true);
          IOException earlier = writeback.failure();
          if (earlier != null) {
            throw new IOException("writing " + path + " out to the disk failed", earlier);
          }
        }
      } finally {
        channel.close();
      }
      if (replacing) {
        DurableFiles.replace(file, target);
      }
    } catch (IOException | RuntimeException e) {
      if (replacing) {
        DurableFiles.deleteQuietly(file, e);
      }
      throw e;
    }
    if (durable) {
      DurableFiles.syncDirectory(target.getParent());
    }
  }

  private void flushBuffer() throws IOException {
    if (buffer != null && buffer.position() > 0) {
      buffer.flip();
      writeOut(buffer);
      buffer.clear();
    }
  }

  /** Hands bytes to the kernel, counting them towards the next background write-back. */
  private void writeOut(ByteBuffer bytes) throws IOException {
    int n = bytes.remaining();
    DurableFiles.writeFully(channel, bytes);
    writeback.written(n);
  }

  private void requireOpen() throws IOException {
    if (state != State.OPEN) {
      throw new IOException("writer of " + path + " is " + state.name().toLowerCase(Locale.ROOT));
    }
  }
}
