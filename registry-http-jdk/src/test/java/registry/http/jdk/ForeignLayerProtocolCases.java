package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.MediaTypes;

/**
 * Manifests naming layers that live elsewhere ({@code urls}: Docker's foreign layers, OCI's
 * non-distributable ones): those layers need not be pushed; everything else must be.
 */
interface ForeignLayerProtocolCases extends ProtocolSupport {

  String DOCKER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  String OCI_NONDISTRIBUTABLE = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
  String URLS = ",\"urls\":[\"https://example.com/layer.tar.gz\"]}";

  /**
   * Pushes a manifest of a config (pushed first when {@code pushConfig}), a pushed layer and a
   * never pushed layer of {@code remoteType}, with {@code urls} when {@code withUrls}.
   */
  private Http.Reply push(String manifestType, String configType, String remoteType, boolean withUrls,
      boolean pushConfig) {
    Images.Blob config = Images.Blob.of("{\"os\":\"windows\"}".getBytes(StandardCharsets.UTF_8));
    Images.Blob local = Images.Blob.random(new Random(1), 100);
    Images.Blob remote = Images.Blob.random(new Random(2), 300);
    if (pushConfig) {
      seedBlobsOf("app", new Images.Image(List.of(config, local), new byte[0], manifestType));
    } else {
      seedBlobsOf("app", new Images.Image(List.of(local), new byte[0], manifestType));
    }
    String remoteDescriptor = remote.descriptor(remoteType);
    if (withUrls) {
      remoteDescriptor = remoteDescriptor.substring(0, remoteDescriptor.length() - 1) + URLS;
    }
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + manifestType + "\",\"config\":" + config.descriptor(configType)
        + ",\"layers\":[" + remoteDescriptor + "," + local.descriptor("application/vnd.oci.image.layer.v1.tar") + "]}";
    return http().put("/v2/app/manifests/windows", json.getBytes(StandardCharsets.UTF_8), "Content-Type", manifestType);
  }

  @ParameterizedTest(name = "{0} with a {1} layer")
  @CsvSource({
      MediaTypes.DOCKER_MANIFEST + "," + DOCKER_FOREIGN,
      MediaTypes.OCI_MANIFEST + "," + OCI_NONDISTRIBUTABLE,
      MediaTypes.OCI_MANIFEST + ",application/vnd.oci.image.layer.v1.tar+gzip",
  })
  default void acceptsALayerWithUrlsThatWasNeverPushed(String manifestType, String remoteType) {
    String configType = manifestType.equals(MediaTypes.DOCKER_MANIFEST) ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG;
    Http.Reply r = push(manifestType, configType, remoteType, true, true);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(http().get("/v2/app/manifests/windows", "Accept", manifestType).status()).isEqualTo(200);
  }

  @Test
  default void aForeignMediaTypeWithoutUrlsMustStillBePushed() {
    Http.Reply r = push(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, DOCKER_FOREIGN, false, true);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  default void theConfigMustExistEvenBesideAForeignLayer() {
    Http.Reply r = push(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, DOCKER_FOREIGN, true, false);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  default void refusesUrlsThatAreNoUrls() {
    Images.Blob config = Images.Blob.of("{}".getBytes(StandardCharsets.UTF_8));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + config.descriptor(MediaTypes.OCI_CONFIG) + ",\"layers\":[{\"mediaType\":\"" + OCI_NONDISTRIBUTABLE
        + "\",\"digest\":\"" + config.digest() + "\",\"size\":2,\"urls\":[42]}]}";
    Http.Reply r = http().put("/v2/app/manifests/bad", json.getBytes(StandardCharsets.UTF_8),
        "Content-Type", MediaTypes.OCI_MANIFEST);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("MANIFEST_INVALID");
  }
}
