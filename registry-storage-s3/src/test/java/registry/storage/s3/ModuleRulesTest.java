package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor as built: it needs only core and the SDK, exports only the API package,
 * and provides the factory, which the class-path services file names too.
 */
class ModuleRulesTest {

  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void descriptorRequiresOnlyCoreAndTheSdkAndExportsOnlyTheApi() throws IOException {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertThat(d.name()).isEqualTo("registry.storage.s3");
    for (ModuleDescriptor.Requires r : d.requires()) {
      assertThat(r.name()).as("requires").matches("java\\.base|registry\\.core|software\\.amazon\\.awssdk\\..+|org\\.slf4j");
    }
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .isEqualTo(Set.of("registry.storage.s3"));
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("registry.core.spi.StorageDriverFactory");
      assertThat(p.providers()).containsExactly("registry.storage.s3.internal.S3StorageDriverFactory");
    });
    String services = Files.readString(
        CLASSES.resolve("META-INF/services/registry.core.spi.StorageDriverFactory"), StandardCharsets.UTF_8);
    assertThat(services.trim()).isEqualTo("registry.storage.s3.internal.S3StorageDriverFactory");
  }
}
