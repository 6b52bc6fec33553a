package registry.http.jdk.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.http.jdk.RegistryServer;

/** {@code @RegistryTest}: a fresh in-memory server per test, as a parameter; Jib pushes into it. */
class RegistryTestAnnotationTest {

  @RegistryTest
  void jibPushesIntoTheServer(RegistryServer server, @TempDir Path work) throws Exception {
    Digest pushed = JibPush.push(server.hostAndPort() + "/team/app:1", work, "hello");

    Manifest stored = server.registry().repository("team/app").manifests()
        .get(Reference.parse("1")).orElseThrow();
    assertThat(stored.digest()).isEqualTo(pushed);
    assertThat(stored.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(stored.layers()).hasSize(1);
    assertThat(server.registry().repository("team/app").blobs().stat(stored.layers().get(0).digest())).isPresent();
  }

  @RegistryTest
  void registryParameterIsTheServersOwn(RegistryServer server, Registry registry) {
    assertThat(registry).isSameAs(server.registry());
    assertThat(server.uri().toString()).isEqualTo("http://" + server.hostAndPort());
    assertThat(server.hostAndPort()).startsWith("127.0.0.1:");
  }

  @RegistryTest
  void firstTestSeesAnEmptyServer(Registry registry) throws Exception {
    seedAndCheckItWasEmpty(registry);
  }

  @RegistryTest
  void secondTestSeesAnEmptyServerToo(Registry registry) throws Exception {
    seedAndCheckItWasEmpty(registry);
  }

  private static void seedAndCheckItWasEmpty(Registry registry) throws Exception {
    // Whichever runs second would see the other's repository if servers were shared.
    assertThat(registry.catalog(-1, Optional.empty()).items()).isEmpty();
    Seed.image(registry.repository("seeded"), "1");
    assertThat(registry.catalog(-1, Optional.empty()).items()).containsExactly("seeded");
  }
}
