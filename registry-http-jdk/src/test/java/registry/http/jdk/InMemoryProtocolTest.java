package registry.http.jdk;

import java.nio.file.Path;
import registry.core.spi.StorageDriver;
import registry.core.storage.InMemoryStorageDriver;

/** The protocol suite over the in-memory driver. */
class InMemoryProtocolTest extends ProtocolContract {
  @Override
  protected StorageDriver newDriver(Path tmp) {
    return new InMemoryStorageDriver();
  }
}
