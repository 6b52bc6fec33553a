package registry.core.storage;

import registry.testkit.OnlineGcModelContract;
import registry.core.spi.StorageDriver;

class InMemoryOnlineGcModelTest extends OnlineGcModelContract {
  @Override
  protected StorageDriver newDriver() {
    return new InMemoryStorageDriver();
  }
}
