package registry.core.storage;

import registry.testkit.RegistryContract;
import registry.core.spi.StorageDriver;

class InMemoryRegistryTest extends RegistryContract {
  @Override
  protected StorageDriver newDriver() {
    return new InMemoryStorageDriver();
  }
}
