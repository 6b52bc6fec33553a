package registry.storage.fs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageDrivers;
import registry.storage.fs.FilesystemStorageDriver;

class FilesystemStorageDriverFactoryTest {

  @TempDir
  Path dir;

  @Test
  void foundByNameWithRootDirectory() throws Exception {
    Path root = dir.resolve("data");
    try (StorageDriver driver =
        StorageDrivers.create("filesystem", Map.of("rootdirectory", root.toString()))) {
      assertThat(driver).isInstanceOf(FilesystemStorageDriver.class);
      assertThat(driver.name()).isEqualTo("filesystem");
      assertThat(((FilesystemStorageDriver) driver).root()).isEqualTo(root.toAbsolutePath());
      assertThat(root).isDirectory();
    }
  }

  @Test
  void refusesRootDirectoryThatIsNotAString() {
    assertThatThrownBy(() -> StorageDrivers.create("filesystem", Map.of("rootdirectory", 42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rootdirectory");
    assertThatThrownBy(() -> StorageDrivers.create("filesystem", Map.of("rootdirectory", " ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsToDistributionsRoot() {
    assertThat(FilesystemStorageDriverFactory.DEFAULT_ROOT).isEqualTo("/var/lib/registry");
    assertThat(new FilesystemStorageDriverFactory().name()).isEqualTo("filesystem");
  }
}
