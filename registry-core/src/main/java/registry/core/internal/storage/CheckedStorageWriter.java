package registry.core.internal.storage;

import java.io.IOException;
import registry.core.spi.StorageWriter;

/** A driver's writer whose unexpected runtime failures become {@link IOException}s. */
final class CheckedStorageWriter extends StorageWriter {

  private final StorageWriter delegate;
  private final String driver;
  private final String path;

  CheckedStorageWriter(StorageWriter delegate, String driver, String path) {
    this.delegate = delegate;
    this.driver = driver;
    this.path = path;
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public void write(int b) throws IOException {
    try {
      delegate.write(b);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    // Bad arguments are the caller's bug, not the driver's: report them as OutputStream does.
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    try {
      delegate.write(b, off, len);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      delegate.flush();
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void commit() throws IOException {
    try {
      delegate.commit();
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void cancel() throws IOException {
    try {
      delegate.cancel();
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      delegate.close();
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  private IOException failure(RuntimeException e) {
    return DriverFailures.translate(driver, "writing " + path, e);
  }
}
