package registry.core.faults;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;

/**
 * A driver that fails its N-th storage operation (counting writes, commits and reads of
 * streams too) with an {@link IOException}, as a disk or bucket that breaks at that moment.
 * No real storage fails on demand, so this is the one stand-in of the fault tests.
 */
final class FaultyStorageDriver implements StorageDriver {

  private final StorageDriver delegate;
  private final AtomicLong calls = new AtomicLong();
  private volatile long failAt = -1;
  private volatile boolean shortWrites;
  private volatile String injected;

  FaultyStorageDriver(StorageDriver delegate) {
    this.delegate = delegate;
  }

  /** Fails the {@code n}-th operation from now (1-based); -1 never fails. */
  void failAt(long n) {
    calls.set(0);
    failAt = n;
  }

  /** When failing a write, first write half of it, as a disk that fills up does. */
  void shortWrites(boolean shortWrites) {
    this.shortWrites = shortWrites;
  }

  /** Operations since the last {@link #failAt}. */
  long calls() {
    return calls.get();
  }

  private boolean failsNow() {
    return calls.incrementAndGet() == failAt;
  }

  private void tick(String what) throws IOException {
    if (failsNow()) {
      injected = what;
      throw new IOException("injected fault in " + what);
    }
  }

  /** The operation the last injected fault failed, such as {@code delete /a/b}. */
  String injected() {
    return injected;
  }

  @Override
  public String name() {
    return "faulty";
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    tick("getContent " + path);
    return delegate.getContent(path);
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    tick("putContent " + path);
    delegate.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    tick("reader " + path);
    return new FilterInputStream(delegate.reader(path, offset)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        tick("read " + path);
        return super.read(b, off, len);
      }
    };
  }

  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    tick("writer " + path);
    StorageWriter w = delegate.writer(path, append);
    return new StorageWriter() {
      @Override
      public long size() {
        return w.size();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (failsNow()) {
          injected = "write " + path;
          if (shortWrites && len > 1) {
            w.write(b, off, len / 2);
          }
          throw new IOException("injected fault in write " + path);
        }
        w.write(b, off, len);
      }

      @Override
      public void commit() throws IOException {
        tick("commit " + path);
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
    tick("stat " + path);
    return delegate.stat(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    tick("list " + path);
    return delegate.list(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    tick("move " + source);
    delegate.move(source, destination);
  }

  @Override
  public void sync(List<String> written, List<String> moved) throws IOException {
    tick("sync " + written + " " + moved);
    delegate.sync(written, moved);
  }

  @Override
  public void delete(String path) throws IOException {
    tick("delete " + path);
    delegate.delete(path);
  }
}
