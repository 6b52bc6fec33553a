package registry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import registry.core.spi.StorageDriver;
import registry.testkit.StorageDriverContract;

class InMemoryStorageDriverTest extends StorageDriverContract {

  @Override
  protected StorageDriver newDriver() {
    return new InMemoryStorageDriver();
  }

  /** The bytes live in the test JVM's heap. */
  @Override
  protected long largeFileSize() {
    return 64L << 20;
  }

  @Test
  void directoriesVanishWithTheirLastFile() throws IOException {
    driver.putContent(path("/a/b/c"), new byte[1]);
    driver.putContent(path("/a/keep"), new byte[1]);
    driver.delete(path("/a/b/c"));
    assertThat(exists(path("/a/b"))).isFalse();
    driver.move(path("/a/keep"), path("/moved"));
    assertThat(exists(path("/a"))).isFalse();
    assertThat(driver.list(path(""))).containsExactly(path("/moved"));
  }
}
