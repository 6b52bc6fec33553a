package registry.http.jdk.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import registry.core.storage.InMemoryStorageDriver;

/** The deprecated second builder still configures the server until it is removed. */
@SuppressWarnings("deprecation")
class RegistryExtensionDeprecatedBuilderTest {

  private static final AtomicInteger STORAGES_MADE = new AtomicInteger();

  @RegisterExtension
  static final RegistryExtension registry = RegistryExtension.builder()
      .storage(() -> {
        STORAGES_MADE.incrementAndGet();
        return new InMemoryStorageDriver();
      })
      .server(b -> b.relativeUrls(true))
      .build();

  @Test
  void appliesStorageAndServerSettings() {
    assertThat(STORAGES_MADE.get()).isEqualTo(1);
    assertThat(Get.post(registry.uri(), "/v2/shared/blobs/uploads/").headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).startsWith("/v2/shared/blobs/uploads/"));
  }
}
