package registry.http.jdk.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/** An instance-field {@link RegistryExtension}: a fresh server for each test. */
class RegistryExtensionPerTestTest {

  @RegisterExtension
  final RegistryExtension registry = RegistryExtension.of(
      RegistryServer.builder().storage(new InMemoryStorageDriver()).build());

  @Test
  void eachTestStartsEmpty() throws Exception {
    seedAndCheckItWasEmpty();
  }

  @Test
  void anotherTestStartsEmptyToo() throws Exception {
    seedAndCheckItWasEmpty();
  }

  @Test
  void parameterIsThisTestsServer(RegistryServer server) {
    assertThat(server).isSameAs(registry.server());
    assertThat(Get.get(registry.uri(), "/v2/").statusCode()).isEqualTo(200);
  }

  @Test
  void accessorsOfAnAnnotationBackedExtensionExplainThemselves() {
    assertThatThrownBy(() -> new RegistryExtension().server())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("parameter");
    try (RegistryServer notStarted = RegistryServer.builder().storage(new InMemoryStorageDriver()).build()) {
      assertThatThrownBy(() -> RegistryExtension.of(notStarted).uri())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not started");
    }
  }

  private void seedAndCheckItWasEmpty() throws Exception {
    assertThat(registry.registry().catalog(-1, Optional.empty()).items()).isEmpty();
    Seed.image(registry.registry().repository("mine"), "1");
    assertThat(Get.get(registry.uri(), "/v2/_catalog").body()).isEqualTo("{\"repositories\":[\"mine\"]}");
  }
}
