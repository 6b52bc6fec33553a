package registry.http.jdk.junit;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.storage.InMemoryStorageDriver;

/** In-memory storage whose listings throw, as a bug would: the catalog then answers 500. */
final class BrokenStorage implements StorageDriver {

  private final InMemoryStorageDriver delegate = new InMemoryStorageDriver();

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public List<String> list(String path) {
    throw new IllegalStateException("listing is broken on purpose");
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return delegate.getContent(path);
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    delegate.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return delegate.reader(path, offset);
  }

  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    return delegate.writer(path, append);
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    return delegate.stat(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    delegate.move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    delegate.delete(path);
  }
}
