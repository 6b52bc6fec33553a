package registry.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.storage.InMemoryStorageDriver;

/** An in-memory driver that throws a chosen failure from every read once told to. */
final class FailingStorage implements StorageDriver {

  private final InMemoryStorageDriver delegate = new InMemoryStorageDriver();
  private volatile Exception failure;

  private volatile String redirectBase;

  /** Answers {@link #redirectUrl} with {@code base + path}, as an object store's presigned URL. */
  void redirectTo(String base) {
    this.redirectBase = base;
  }

  @Override
  public java.util.Optional<java.net.URI> redirectUrl(String method, String path) {
    String base = redirectBase;
    return base == null ? java.util.Optional.empty() : java.util.Optional.of(java.net.URI.create(base + path));
  }

  void failWith(Exception failure) {
    this.failure = failure;
  }

  private void check() throws IOException {
    Exception f = failure;
    if (f instanceof IOException) {
      throw (IOException) f;
    }
    if (f instanceof RuntimeException) {
      throw (RuntimeException) f;
    }
  }

  @Override
  public String name() {
    return "failing";
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    check();
    return delegate.getContent(path);
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    check();
    delegate.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    check();
    return delegate.reader(path, offset);
  }

  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    check();
    return delegate.writer(path, append);
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    check();
    return delegate.stat(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    check();
    return delegate.list(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    check();
    delegate.move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    check();
    delegate.delete(path);
  }
}
