package registry.core.storage;

import registry.testkit.GarbageCollectionContract;
import registry.core.spi.StorageDriver;

class InMemoryGarbageCollectionTest extends GarbageCollectionContract {
  @Override
  protected StorageDriver newDriver() {
    return new InMemoryStorageDriver();
  }
}
