package registry.core.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one file in two phases: bytes written are kept when the writer is closed, so a later
 * {@link StorageDriver#writer(String, boolean) writer(path, true)} can continue them, and become
 * a finished file on {@link #commit()}. {@link #cancel()} discards them.
 *
 * <p>After {@code commit}, {@code cancel} or {@code close} the writer accepts no more bytes.
 * Closing after a commit or cancel does nothing. Not safe for concurrent use.
 */
public abstract class StorageWriter extends OutputStream {

  /** For subclasses. */
  protected StorageWriter() {}

  /** Bytes in the file so far: what earlier writers left plus what this one wrote. */
  public abstract long size();

  /** Makes the content a finished, durable file at the path. */
  public abstract void commit() throws IOException;

  /** Discards the content, including what earlier writers left. */
  public abstract void cancel() throws IOException;

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public abstract void write(byte[] b, int off, int len) throws IOException;
}
