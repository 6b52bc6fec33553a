package registry.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import registry.core.spi.DeferredSync;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;

/**
 * Forwards every operation to another driver, calling its {@link Hooks} first: the one place the
 * tests that count, fail or interleave storage operations hook in. Streams count too: each read
 * of a reader, and a writer's commit. Walks go through {@link #list}, so they are hooked a
 * directory at a time.
 *
 * <pre>{@code
 * StorageDriver counted = HookedStorageDriver.wrap(driver, (operation, path) -> calls.incrementAndGet());
 * }</pre>
 *
 * <p>The hooked driver is a {@link DeferredSync} exactly when its delegate is one, so the
 * registry takes the same paths through it as through the delegate alone.
 */
public class HookedStorageDriver implements StorageDriver {

  /** What a hooked driver calls before it forwards an operation. */
  @FunctionalInterface
  public interface Hooks {

    /** Called before each operation, such as {@code ("delete", "/a/b")}; may throw to fail it. */
    void before(String operation, String path) throws IOException;

    /** Writes a chunk of a writer's bytes; may fail or shorten the write. */
    default void write(StorageWriter target, String path, byte[] b, int off, int len) throws IOException {
      target.write(b, off, len);
    }
  }

  private final StorageDriver delegate;
  private final Hooks hooks;

  private HookedStorageDriver(StorageDriver delegate, Hooks hooks) {
    this.delegate = delegate;
    this.hooks = hooks;
  }

  /** {@code delegate} with {@code hooks} called before each of its operations. */
  public static StorageDriver wrap(StorageDriver delegate, Hooks hooks) {
    return delegate instanceof DeferredSync
        ? new WithDeferredSync(delegate, hooks)
        : new HookedStorageDriver(delegate, hooks);
  }

  private void before(String operation, String path) throws IOException {
    hooks.before(operation, path);
  }

  /** Closes the delegate; the hooks see it as {@code ("close", "")}. */
  @Override
  public void close() throws IOException {
    before("close", "");
    delegate.close();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    before("getContent", path);
    return delegate.getContent(path);
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    before("putContent", path);
    delegate.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    before("reader", path);
    return new FilterInputStream(delegate.reader(path, offset)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        before("read", path);
        return super.read(b, off, len);
      }
    };
  }

  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    before("writer", path);
    StorageWriter w = delegate.writer(path, append);
    return new StorageWriter() {
      @Override
      public long size() {
        return w.size();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        hooks.write(w, path, b, off, len);
      }

      @Override
      public void commit() throws IOException {
        before("commit", path);
        w.commit();
      }

      @Override
      public void cancel() throws IOException {
        w.cancel();
      }

      @Override
      public void close() throws IOException {
        w.close();
      }
    };
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    before("stat", path);
    return delegate.stat(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    before("list", path);
    return delegate.list(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    before("move", source);
    delegate.move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    before("delete", path);
    delegate.delete(path);
  }

  /** The hooked driver of a delegate that is a {@link DeferredSync}. */
  private static final class WithDeferredSync extends HookedStorageDriver implements DeferredSync {

    private final DeferredSync deferred;

    WithDeferredSync(StorageDriver delegate, Hooks hooks) {
      super(delegate, hooks);
      this.deferred = (DeferredSync) delegate;
    }

    @Override
    public void putContentWithoutSync(String path, byte[] content) throws IOException {
      super.before("putContentWithoutSync", path);
      deferred.putContentWithoutSync(path, content);
    }

    @Override
    public void moveWithoutSync(String source, String destination) throws IOException {
      super.before("moveWithoutSync", source);
      deferred.moveWithoutSync(source, destination);
    }

    @Override
    public void sync(List<String> written, List<String> moved) throws IOException {
      super.before("sync", written + " " + moved);
      deferred.sync(written, moved);
    }
  }
}
