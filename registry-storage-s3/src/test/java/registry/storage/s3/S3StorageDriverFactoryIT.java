package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageDrivers;

/** The {@code s3} driver found by name and made from distribution's parameters. */
class S3StorageDriverFactoryIT {

  private static Map<String, Object> parameters() {
    S3TestServer server = S3TestServer.get();
    Map<String, Object> p = new HashMap<>();
    p.put("region", "us-east-1");
    p.put("regionendpoint", server.endpoint().toString());
    p.put("forcepathstyle", true);
    p.put("bucket", S3TestServer.BUCKET);
    p.put("rootdirectory", S3TestServer.freshRoot());
    p.put("accesskey", server.accessKey());
    p.put("secretkey", server.secretKey());
    return p;
  }

  @Test
  void serviceLoaderMakesAWorkingDriverFromDistributionsParameters() throws Exception {
    Map<String, Object> p = parameters();
    p.put("chunksize", "5242880"); // environment overrides arrive as strings
    p.put("storageclass", "STANDARD");
    p.put("redirect", "true");
    p.put("requestchecksumcalculation", "when_required");
    p.put("responsechecksumvalidation", "WHEN_REQUIRED");
    p.put("someparameterofdistributions", "ignored");
    try (StorageDriver driver = StorageDrivers.create("s3", p)) {
      assertThat(driver.name()).isEqualTo("s3");
      driver.putContent("/a/b", new byte[] {1, 2, 3});
      assertThat(driver.getContent("/a/b")).containsExactly(1, 2, 3);
      assertThat(driver.redirectUrl("GET", "/a/b")).hasValueSatisfying(u ->
          assertThat(u.toString()).startsWith(S3TestServer.get().endpoint() + "/" + S3TestServer.BUCKET + "/"));
      driver.delete("/a");
    }
  }

  @Test
  void endpointWithoutSchemeFollowsSecure() throws Exception {
    Map<String, Object> p = parameters();
    p.put("regionendpoint", S3TestServer.get().endpoint().getAuthority());
    p.put("secure", false);
    p.remove("region");
    try (StorageDriver driver = StorageDrivers.create("s3", p)) {
      driver.putContent("/x", new byte[] {9});
      assertThat(driver.getContent("/x")).containsExactly(9);
      driver.delete("/x");
    }
  }

  @Test
  void invalidParametersAreRefusedClearly() {
    assertRefused(without("bucket"), "'bucket' is required");
    assertRefused(with("chunksize", 1 << 20), "chunksize 1048576 is not between");
    assertRefused(with("chunksize", "ten"), "'chunksize' must be a whole number");
    assertRefused(with("requestchecksumcalculation", "sometimes"), "WHEN_SUPPORTED, WHEN_REQUIRED");
    assertRefused(with("encrypt", "yes"), "'encrypt' must be true or false");
    assertRefused(without("secretkey"), "accesskey and secretkey go together");
    assertRefused(with("regionendpoint", "ftp://example"), "is not an http(s) URL");
    Map<String, Object> noRegion = without("region");
    noRegion.remove("regionendpoint");
    assertRefused(noRegion, "'region' is required");
  }

  private static Map<String, Object> with(String name, Object value) {
    Map<String, Object> p = parameters();
    p.put(name, value);
    return p;
  }

  private static Map<String, Object> without(String name) {
    Map<String, Object> p = parameters();
    p.remove(name);
    return p;
  }

  private static void assertRefused(Map<String, Object> p, String message) {
    assertThatThrownBy(() -> StorageDrivers.create("s3", p))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
