package registry.storage.fs;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import registry.testkit.RegistryContract;
import registry.core.spi.StorageDriver;

class FilesystemRegistryTest extends RegistryContract {

  @TempDir
  Path root;

  @Override
  protected StorageDriver newDriver() throws java.io.IOException {
    return FilesystemStorageDriver.create(root);
  }
}
