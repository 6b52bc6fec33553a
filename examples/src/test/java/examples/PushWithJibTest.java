package examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Reference;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.junit.RegistryTest;

/**
 * A test that pushes an image with Jib into a registry made for it: no Docker, no container,
 * no fixed port. The server is empty at the start of each test and gone after it.
 */
class PushWithJibTest {

  @RegistryTest
  void pushesTheAppImage(RegistryServer registry, @TempDir Path work) throws Exception {
    Path app = Files.writeString(work.resolve("hello.txt"), "hello");

    JibContainer pushed = Jib.fromScratch()
        .addLayer(List.of(app), AbsoluteUnixPath.get("/app"))
        .containerize(Containerizer.to(RegistryImage.named(registry.hostAndPort() + "/team/app:1"))
            .setAllowInsecureRegistries(true)                        // plain HTTP on loopback
            .setBaseImageLayersCache(work.resolve("cache"))
            .setApplicationLayersCache(work.resolve("cache")));

    // Inspect what arrived in-process, without HTTP.
    var manifest = registry.registry().repository("team/app").manifests().get(Reference.parse("1")).orElseThrow();
    assertThat(manifest.digest().toString()).isEqualTo(pushed.getDigest().toString());
    assertThat(manifest.layers()).hasSize(1);
  }
}
