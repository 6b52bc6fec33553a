package registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.testkit.TestImages;

class ManifestTest {

  private final Random random = new Random(7);

  @Test
  void keepsTheExactBytesAndDigestsThem() {
    TestImages.Image image = TestImages.ociImage(random, 2, 10);
    byte[] spaced = (" " + new String(image.manifest(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
    Manifest m = Manifest.parse(spaced, MediaTypes.OCI_MANIFEST);
    assertThat(m.bytes()).isEqualTo(spaced);
    assertThat(m.digest()).isEqualTo(Digest.sha256(spaced));
    assertThat(m.layers()).hasSize(2);
    assertThat(m.config()).get().extracting(Descriptor::digest).isEqualTo(image.config().digest());
    assertThat(m.blobReferences()).hasSize(3);
  }

  @Test
  void sniffsTheMediaTypeWhenTheDocumentHasNone() {
    String index = "{\"schemaVersion\":2,\"manifests\":[]}";
    assertThat(Manifest.parse(index.getBytes(StandardCharsets.UTF_8), null).mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    String manifest = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + Digest.sha256(new byte[0])
        + "\",\"size\":0},\"layers\":[]}";
    assertThat(Manifest.parse(manifest.getBytes(StandardCharsets.UTF_8), null).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void refusesAContentTypeThatContradictsTheDocument() {
    TestImages.Image image = TestImages.ociImage(random, 1, 10);
    assertThatThrownBy(() -> Manifest.parse(image.manifest(), MediaTypes.DOCKER_MANIFEST))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID))
        .hasMessageContaining("does not match");
  }

  @Test
  void readsSubjectAndArtifactType() {
    Digest subject = Digest.sha256("s".getBytes(StandardCharsets.UTF_8));
    TestImages.Image a = TestImages.artifact(random, "application/vnd.example.sbom", subject, 10);
    Manifest m = Manifest.parse(a.manifest(), null);
    assertThat(m.subject()).get().extracting(Descriptor::digest).isEqualTo(subject);
    assertThat(m.artifactType()).contains("application/vnd.example.sbom");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "null", "[]", "{", "{\"schemaVersion\":1}", "{\"schemaVersion\":3,\"config\":{}}",
      "{\"schemaVersion\":2,\"mediaType\":\"text/plain\",\"config\":{}}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:abc\",\"size\":1}}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":-1}}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":\"1\"}}",
      "{\"schemaVersion\":2,\"schemaVersion\":2,\"manifests\":[]}",
      "{\"schemaVersion\":2,\"manifests\":{}}",
      "{\"schemaVersion\":2,\"manifests\":[]} {}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[],\"annotations\":{\"a\":1}}"
  })
  void refusesMalformedManifests(String json) {
    assertThatThrownBy(() -> Manifest.parse(json.getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID));
  }

  @Test
  void refusesDeepNesting() {
    String deep = "{\"schemaVersion\":2,\"manifests\":[],\"annotations\":{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
    assertThatThrownBy(() -> Manifest.parse(deep.getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID));
  }

  @Test
  void readsStoredSchema1LenientlyButChecksItsDigest() throws Exception {
    byte[] v1 = "{\"schemaVersion\":1,\"name\":\"a\",\"tag\":\"b\",\"fsLayers\":[],\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);
    Manifest m = Manifest.readStored(v1, Digest.sha256(v1));
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V1_SIGNED);
    assertThat(m.blobReferences()).isEmpty();
    assertThatThrownBy(() -> Manifest.readStored(v1, Digest.sha256(new byte[1]))).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void indexListsChildren() {
    TestImages.Image a = TestImages.ociImage(random, 1, 5);
    TestImages.Image b = TestImages.dockerImage(random, 1, 5);
    Manifest index = Manifest.parse(TestImages.index(List.of(a, b)), MediaTypes.OCI_INDEX);
    assertThat(index.isIndex()).isTrue();
    assertThat(index.manifests()).extracting(Descriptor::digest).containsExactly(a.digest(), b.digest());
  }
}
