package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import registry.core.Digest;
import registry.core.MediaTypes;

/** Manifests: push, pull by tag and digest, conditional GET, validation and deletes. */
interface ManifestProtocolCases extends ProtocolSupport {

  /** Pushes an image's manifest over HTTP (its blobs in-process) and checks the 201. */
  default Images.Image pushImage(String name, String reference, long seed) {
    Images.Image image = seedImageBlobs(name, seed);
    Http.Reply r = http().put("/v2/" + name + "/manifests/" + reference, image.manifest(),
        "Content-Type", image.mediaType());
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo(url("/v2/" + name + "/manifests/" + image.digest()));
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(image.digest().toString());
    return image;
  }

  @Test
  default void pullsByTagAndDigestTheBytesPushed() {
    Images.Image image = pushImage("team/app", "1.0", 1);
    for (String ref : List.of("1.0", image.digest().toString())) {
      // The stored bytes whatever the client accepts: converting would change the digest.
      Http.Reply r = http().get("/v2/team/app/manifests/" + ref, "Accept", MediaTypes.DOCKER_MANIFEST);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(image.manifest());
      assertThat(r.header("Content-Type")).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(r.header("Docker-Content-Digest")).isEqualTo(image.digest().toString());
      assertThat(r.header("ETag")).isEqualTo("\"" + image.digest() + "\"");
      Http.Reply head = http().head("/v2/team/app/manifests/" + ref);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(image.manifest().length));
      assertThat(head.header("Content-Type")).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  default void servesDockerManifestsWithTheirMediaType() {
    Images.Image image = Images.docker(new Random(3), 1);
    seedBlobsOf("app", image);
    assertThat(http().put("/v2/app/manifests/d", image.manifest(), "Content-Type", image.mediaType()).status())
        .isEqualTo(201);
    assertThat(http().get("/v2/app/manifests/d").header("Content-Type")).isEqualTo(MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  default void answersIfNoneMatchWith304() {
    Images.Image image = pushImage("app", "v1", 2);
    String etag = "\"" + image.digest() + "\"";
    Http.Reply r = http().get("/v2/app/manifests/v1", "If-None-Match", etag);
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("ETag")).isEqualTo(etag);
    assertThat(http().get("/v2/app/manifests/v1", "If-None-Match", "\"sha256:other\"").status()).isEqualTo(200);
  }

  @Test
  default void unknownManifestIsManifestUnknown() {
    pushImage("app", "v1", 4);
    for (String ref : List.of("v2", ABSENT, "bad$tag", "x".repeat(129))) {
      Http.Reply r = http().get("/v2/app/manifests/" + ref);
      assertThat(r.status()).as(ref).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("MANIFEST_UNKNOWN");
    }
  }

  @Test
  default void refusesInvalidManifestsAndStoresNothing() {
    Images.Image image = seedImageBlobs("app", 5);
    Images.Image missingBlobs = Images.oci(new Random(6), 1);
    String[][] cases = {
        {"v1", "{not json", MediaTypes.OCI_MANIFEST, "400", "MANIFEST_INVALID"},
        {"v1", new String(image.manifest(), StandardCharsets.UTF_8), MediaTypes.OCI_INDEX, "400", "MANIFEST_INVALID"},
        {"v1", new String(missingBlobs.manifest(), StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "400", "MANIFEST_BLOB_UNKNOWN"},
        {ABSENT, new String(image.manifest(), StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "400", "DIGEST_INVALID"},
        {"bad$tag", new String(image.manifest(), StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "400", "MANIFEST_INVALID"},
    };
    for (String[] c : cases) {
      Http.Reply r = http().put("/v2/app/manifests/" + c[0], c[1].getBytes(StandardCharsets.UTF_8), "Content-Type", c[2]);
      assertThat(r.status()).as(String.join(" ", c)).isEqualTo(Integer.parseInt(c[3]));
      assertThat(r.errorCode()).as(String.join(" ", c)).isEqualTo(c[4]);
    }
    assertThat(http().get("/v2/app/manifests/v1").status()).isEqualTo(404);
    assertThat(http().get("/v2/app/manifests/" + image.digest()).status()).isEqualTo(404);
    assertThat(http().get("/v2/app/manifests/" + missingBlobs.digest()).status()).isEqualTo(404);
    assertThat(http().get("/v2/app/tags/list").text()).doesNotContain("v1", "bad");
  }

  @Test
  default void refusesManifestOverTheCap() {
    byte[] big = ("{\"schemaVersion\":2,\"x\":\"" + "a".repeat(MAX_MANIFEST) + "\"}").getBytes(StandardCharsets.UTF_8);
    Http.Reply declared = http().put("/v2/app/manifests/big", big, "Content-Type", MediaTypes.OCI_MANIFEST);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.errorCode()).isEqualTo("MANIFEST_INVALID");
    Http.Reply streamed = http().chunked("PUT", "/v2/app/manifests/big", () -> new ByteArrayInputStream(big),
        "Content-Type", MediaTypes.OCI_MANIFEST);
    assertThat(streamed.status()).isEqualTo(413);
    assertThat(http().get("/v2/app/manifests/big").status()).isEqualTo(404);
  }

  @Test
  default void reportsTheSubjectOfAReferrer() {
    Images.Image subject = pushImage("app", "v1", 7);
    Images.Image artifact = Images.artifact(new Random(8), "application/vnd.example.sbom", subject.digest(),
        subject.manifest().length);
    seedBlobsOf("app", artifact);
    Http.Reply r = http().put("/v2/app/manifests/" + artifact.digest(), artifact.manifest(),
        "Content-Type", MediaTypes.OCI_MANIFEST);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("OCI-Subject")).isEqualTo(subject.digest().toString());
  }

  @Test
  default void pushesAnIndexOfPushedManifests() {
    Images.Image a = pushImage("app", "a", 9);
    Images.Image b = pushImage("app", "b", 10);
    byte[] index = Images.index(List.of(a, b));
    Http.Reply r = http().put("/v2/app/manifests/multi", index, "Content-Type", MediaTypes.OCI_INDEX);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(Digest.sha256(index).toString());
    assertThat(http().get("/v2/app/manifests/multi").header("Content-Type")).isEqualTo(MediaTypes.OCI_INDEX);
  }

  @Test
  default void deletesTagOnlyByTag() {
    Images.Image image = pushImage("app", "v1", 11);
    Http.Reply r = http().delete("/v2/app/manifests/v1");
    assertThat(r.status()).isEqualTo(202);
    assertThat(http().get("/v2/app/manifests/v1").status()).isEqualTo(404);
    assertThat(http().get("/v2/app/manifests/" + image.digest()).status()).isEqualTo(200);
    assertThat(http().delete("/v2/app/manifests/v1").errorCode()).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  default void deletesManifestAndItsTagsByDigest() {
    Images.Image image = pushImage("app", "v1", 12);
    http().put("/v2/app/manifests/v2", image.manifest(), "Content-Type", image.mediaType());
    assertThat(http().delete("/v2/app/manifests/" + image.digest()).status()).isEqualTo(202);
    assertThat(http().get("/v2/app/manifests/" + image.digest()).status()).isEqualTo(404);
    assertThat(http().get("/v2/app/manifests/v1").status()).isEqualTo(404);
    assertThat(http().get("/v2/app/manifests/v2").status()).isEqualTo(404);
    assertThat(http().delete("/v2/app/manifests/" + image.digest()).errorCode()).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  default void refusesManifestDeleteWhenDeletesAreDisabled() {
    Images.Image image = pushImage("app", "v1", 13);
    Http noDeletes = variant(server().registry().toBuilder().deleteEnabled(false));
    for (String ref : List.of("v1", image.digest().toString())) {
      Http.Reply r = noDeletes.delete("/v2/app/manifests/" + ref);
      assertThat(r.status()).isEqualTo(405);
      assertThat(r.errorCode()).isEqualTo("UNSUPPORTED");
    }
    assertThat(http().get("/v2/app/manifests/v1").body()).isEqualTo(image.manifest());
  }

  @Test
  default void readOnlyRegistryRefusesPushes() {
    Images.Image image = seedImageBlobs("app", 14);
    Http readOnly = variant(server().registry().toBuilder().readOnly(true));
    Http.Reply r = readOnly.put("/v2/app/manifests/v1", image.manifest(), "Content-Type", image.mediaType());
    // 405 UNSUPPORTED, as distribution answers in read-only mode.
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.errorCode()).isEqualTo("UNSUPPORTED");
    assertThat(readOnly.post("/v2/app/blobs/uploads/", new byte[0]).status()).isEqualTo(405);
    assertThat(http().get("/v2/app/manifests/v1").status()).isEqualTo(404);
  }
}
