package registry.http.jdk.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import registry.core.Registry;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/** A static {@link RegistryExtension}: one server for the whole class, as the test built it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryExtensionPerClassTest {

  private static final RegistryServer SERVER =
      RegistryServer.builder().storage(new InMemoryStorageDriver()).relativeUrls(true).build();

  @RegisterExtension
  static final RegistryExtension registry = RegistryExtension.of(SERVER);

  private static int firstPort;

  @Test
  @Order(1)
  void firstTestSeedsTheServer() throws Exception {
    firstPort = registry.server().port();
    Seed.image(registry.registry().repository("shared"), "1");
    assertThat(Get.get(registry.uri(), "/v2/shared/tags/list").body()).contains("\"tags\":[\"1\"]");
  }

  @Test
  @Order(2)
  void laterTestsSeeTheSameServer(RegistryServer server, Registry parameter) throws Exception {
    assertThat(server).isSameAs(registry.server());
    assertThat(parameter).isSameAs(registry.registry());
    assertThat(server.port()).isEqualTo(firstPort);
    assertThat(registry.hostAndPort()).isEqualTo("127.0.0.1:" + firstPort);
    assertThat(registry.registry().catalog(-1, Optional.empty()).items()).containsExactly("shared");
    assertThat(server).isSameAs(SERVER);
  }

  @Test
  @Order(3)
  void customizedServerSettingsApply() {
    // relativeUrls(true) from the server's builder: the upload's Location is a path, not a URL.
    assertThat(Get.post(registry.uri(), "/v2/shared/blobs/uploads/").headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).startsWith("/v2/shared/blobs/uploads/"));
  }

  @Nested
  class NestedTests {
    @Test
    void shareTheOuterServer(RegistryServer server) {
      assertThat(server).isSameAs(registry.server());
    }
  }
}
