package registry.core.storage;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import registry.core.spi.StorageWriter;

/**
 * Writes one file of an {@link InMemoryStorageDriver}: bytes collect in a private builder and
 * reach the tree in one step on close or commit, so readers never see half a write.
 */
final class InMemoryWriter extends StorageWriter {

  private enum State { OPEN, CLOSED, COMMITTED, CANCELLED }

  private final InMemoryStorageDriver driver;
  private final String path;
  private final boolean append;
  private final MemoryContentBuilder bytes;
  private State state = State.OPEN;

  InMemoryWriter(InMemoryStorageDriver driver, String path, boolean append, MemoryContent base) {
    this.driver = driver;
    this.path = path;
    this.append = append;
    this.bytes = new MemoryContentBuilder(base);
  }

  @Override
  public long size() {
    return bytes.length();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    requireOpen();
    bytes.write(b, off, len);
  }

  @Override
  public void commit() throws IOException {
    requireOpen();
    state = State.COMMITTED;
    driver.publish(path, bytes.build());
  }

  @Override
  public void cancel() throws IOException {
    requireOpen();
    state = State.CANCELLED;
    // An appending writer owns what earlier writers left; a replacing one never touched it.
    if (append) {
      driver.discard(path);
    }
  }

  /** Puts what was written at the path, unfinished, for a later appending writer. */
  @Override
  public void close() throws IOException {
    if (state == State.OPEN) {
      state = State.CLOSED;
      driver.publish(path, bytes.build());
    }
  }

  private void requireOpen() throws IOException {
    if (state != State.OPEN) {
      throw new IOException("writer of " + path + " is " + state.name().toLowerCase(Locale.ROOT));
    }
  }
}
