package registry.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import registry.core.storage.InMemoryStorageDriver;

class StorageDriversTest {

  @Test
  void createsInMemoryDriverByName() throws Exception {
    try (StorageDriver driver = StorageDrivers.create("inmemory", Map.of())) {
      assertThat(driver).isInstanceOf(InMemoryStorageDriver.class);
      assertThat(driver.name()).isEqualTo("inmemory");
      assertThat(driver.list("/")).isEmpty();
    }
  }

  @Test
  void unknownNameListsAvailableDrivers() {
    assertThatThrownBy(() -> StorageDrivers.create("floppy", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'floppy'")
        .hasMessageContaining("inmemory");
  }
}
