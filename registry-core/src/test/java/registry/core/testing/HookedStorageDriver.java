package registry.core.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;

/**
 * Forwards every operation to another driver, calling {@link #before} first: the one place the
 * test drivers that count, fail or interleave storage operations hook in. Streams count too:
 * each read of a reader, and a writer's commit. Walks go through {@link #list}, so they are hooked
 * a directory at a time.
 */
public abstract class HookedStorageDriver implements StorageDriver {

  private final StorageDriver delegate;

  protected HookedStorageDriver(StorageDriver delegate) {
    this.delegate = delegate;
  }

  /** Called before each operation, such as {@code ("delete", "/a/b")}; may throw to fail it. */
  protected abstract void before(String operation, String path) throws IOException;

  /** Writes a chunk of a writer's bytes; a subclass may fail or shorten the write. */
  protected void write(StorageWriter target, String path, byte[] b, int off, int len) throws IOException {
    target.write(b, off, len);
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
  public void putContentWithoutSync(String path, byte[] content) throws IOException {
    before("putContent", path);
    delegate.putContentWithoutSync(path, content);
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
        HookedStorageDriver.this.write(w, path, b, off, len);
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
  public void moveWithoutSync(String source, String destination) throws IOException {
    before("move", source);
    delegate.moveWithoutSync(source, destination);
  }

  @Override
  public void sync(List<String> written, List<String> moved) throws IOException {
    before("sync", written + " " + moved);
    delegate.sync(written, moved);
  }

  @Override
  public void delete(String path) throws IOException {
    before("delete", path);
    delegate.delete(path);
  }
}
