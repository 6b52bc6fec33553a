package registry.storage.fs;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import registry.testkit.OnlineGcModelContract;
import registry.core.spi.StorageDriver;

class FilesystemOnlineGcModelTest extends OnlineGcModelContract {

  @TempDir
  Path root;

  @Override
  protected StorageDriver newDriver() throws java.io.IOException {
    return FilesystemStorageDriver.create(root);
  }
}
