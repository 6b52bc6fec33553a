package registry.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.testkit.peers.DistributionProcess;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.testkit.peers.V2Client;

/**
 * The storage layout is distribution's, byte for byte: what {@code docker-registry} (CNCF
 * Distribution 2.8.2) writes we read through our {@link Registry}, and what we write it serves.
 */
class DistributionCompatibilityIT {

  @TempDir
  Path work;

  private final Random random = new Random(2024);

  @Test
  void imagesPushedToDistributionAreReadThroughOurRegistry() throws Exception {
    Path root = work.resolve("data");
    Image oci = TestImages.ociImage(random, 2, 50_000);
    Image docker = TestImages.dockerImage(random, 1, 3_000_000);
    byte[] index = TestImages.index(List.of(oci, docker));
    Blob chunked = Blob.random(random, 7_000_000);
    Map<String, byte[]> theirManifests = new LinkedHashMap<>();
    List<String> theirTags;
    List<String> theirCatalog;
    try (DistributionProcess distribution = DistributionProcess.serveFilesystem(root, work)) {
      V2Client client = new V2Client(distribution.uri());
      client.pushImage("team/app", "1.0", oci);
      client.pushManifest("team/app", "latest", oci.manifest(), oci.mediaType());
      client.pushImage("team/app", docker.digest().toString(), docker);
      client.pushManifest("team/app", "multi", index, MediaTypes.OCI_INDEX);
      client.pushImage("team/app-base", "docker", docker);
      client.pushBlobChunked("team/app", chunked, 5 * 1024 * 1024);
      for (String ref : List.of("1.0", "latest", "multi", docker.digest().toString())) {
        HttpResponse<byte[]> r = client.getManifest("team/app", ref);
        assertThat(r.statusCode()).isEqualTo(200);
        theirManifests.put(ref, r.body());
      }
      theirTags = client.tags("team/app");
      theirCatalog = client.catalog();
    }

    try (Registry ours = Registry.builder().storage(FilesystemStorageDriver.create(root)).build()) {
      assertThat(ours.catalog(-1, Optional.empty()).items()).isEqualTo(theirCatalog)
          .containsExactly("team/app", "team/app-base");
      Repository repo = ours.repository("team/app");
      // distribution 2.8 lists tags in directory order; ours are sorted
      assertThat(repo.tags().list(-1, Optional.empty()).items()).containsExactlyInAnyOrderElementsOf(theirTags)
          .containsExactly("1.0", "latest", "multi");
      for (Map.Entry<String, byte[]> e : theirManifests.entrySet()) {
        Manifest m = repo.manifests().get(Reference.parse(e.getKey())).orElseThrow();
        assertThat(m.bytes()).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(repo.manifests().get(Reference.parse("multi")).orElseThrow().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
      for (Blob blob : List.of(oci.config(), oci.layers().get(0), oci.layers().get(1), docker.layers().get(0), chunked)) {
        try (InputStream in = repo.blobs().open(blob.digest(), 0)) {
          assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(blob.digest());
        }
      }
      // and we can keep pushing into their data
      Image more = TestImages.ociImage(random, 1, 100);
      more.pushTo(repo, "2.0");
      assertThat(repo.tags().list(-1, Optional.empty()).items()).containsExactly("1.0", "2.0", "latest", "multi");
    }
  }

  @Test
  void imagesWrittenThroughOurRegistryArePulledFromDistribution() throws Exception {
    Path root = work.resolve("data");
    Image oci = TestImages.ociImage(random, 2, 40_000);
    Image docker = TestImages.dockerImage(random, 2, 2_000_000);
    byte[] index = TestImages.index(List.of(oci, docker));
    Blob chunkedLayer = Blob.random(random, 6_000_000);
    try (Registry ours = Registry.builder().storage(FilesystemStorageDriver.create(root)).build()) {
      Repository repo = ours.repository("library/demo");
      oci.pushTo(repo, "oci");
      docker.pushTo(repo, "docker");
      repo.manifests().put(Reference.parse("multi"), index, MediaTypes.OCI_INDEX);
      var upload = repo.uploads().start();
      byte[] b = chunkedLayer.bytes();
      upload = repo.uploads().append(upload.id(), 0, new java.io.ByteArrayInputStream(b, 0, 4_000_000));
      repo.uploads().finish(upload.id(), chunkedLayer.digest(), new java.io.ByteArrayInputStream(b, 4_000_000, b.length - 4_000_000));
      oci.pushTo(ours.repository("other/x"), "1");
    }

    try (DistributionProcess distribution = DistributionProcess.serveFilesystem(root, work)) {
      V2Client client = new V2Client(distribution.uri());
      assertThat(client.catalog()).containsExactly("library/demo", "other/x");
      assertThat(client.tags("library/demo")).containsExactlyInAnyOrder("docker", "multi", "oci");
      Map<String, Image> byTag = Map.of("oci", oci, "docker", docker);
      for (Map.Entry<String, Image> e : byTag.entrySet()) {
        HttpResponse<byte[]> r = client.getManifest("library/demo", e.getKey());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(e.getValue().manifest());
        assertThat(r.headers().firstValue("Docker-Content-Digest")).contains(e.getValue().digest().toString());
        assertThat(r.headers().firstValue("Content-Type")).contains(e.getValue().mediaType());
        for (Blob blob : e.getValue().layers()) {
          assertThat(client.getBlob("library/demo", blob.digest())).isEqualTo(blob.bytes());
        }
        assertThat(client.getBlob("library/demo", e.getValue().config().digest())).isEqualTo(e.getValue().config().bytes());
      }
      HttpResponse<byte[]> multi = client.getManifest("library/demo", "multi");
      assertThat(multi.body()).isEqualTo(index);
      assertThat(multi.headers().firstValue("Content-Type")).contains(MediaTypes.OCI_INDEX);
      assertThat(client.getBlob("library/demo", chunkedLayer.digest())).isEqualTo(chunkedLayer.bytes());
      // distribution can push on top of our data too
      Image more = TestImages.ociImage(random, 1, 100);
      client.pushImage("library/demo", "more", more);
      assertThat(client.tags("library/demo")).containsExactlyInAnyOrder("docker", "more", "multi", "oci");
    }
  }
}
