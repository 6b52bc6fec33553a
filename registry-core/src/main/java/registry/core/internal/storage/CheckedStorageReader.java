package registry.core.internal.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A driver's reader whose unexpected runtime failures become {@link IOException}s. */
final class CheckedStorageReader extends FilterInputStream {

  private final String driver;
  private final String path;

  CheckedStorageReader(InputStream in, String driver, String path) {
    super(in);
    this.driver = driver;
    this.path = path;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  private IOException failure(RuntimeException e) {
    return DriverFailures.translate(driver, "reading " + path, e);
  }
}
