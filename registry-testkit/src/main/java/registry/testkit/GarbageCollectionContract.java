package registry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.core.spi.StorageDriver;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;

/** Garbage collection scenarios, run over every storage driver by a subclass. */
public abstract class GarbageCollectionContract {

  private static final GcOptions NOW = GcOptions.builder().gracePeriod(Duration.ZERO).build();
  private static final GcOptions NOW_UNTAGGED = NOW.toBuilder().deleteUntagged(true).build();

  private final Random random = new Random(99);
  private final SteppedClock clock = new SteppedClock();
  private Registry registry;
  private Repository repo;

  /** A new driver over empty (or at least test-private) storage. */
  protected abstract StorageDriver newDriver() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    registry = Registry.builder().clock(clock).storage(newDriver()).deleteEnabled(true).build();
    repo = registry.repository("team/app");
  }

  @AfterEach
  void tearDown() throws Exception {
    registry.close();
  }

  @Test
  void nothingIsDeletedWhenEverythingIsReferenced() throws Exception {
    Image a = TestImages.ociImage(random, 2, 100);
    Image b = TestImages.dockerImage(random, 1, 100);
    a.pushTo(repo, "a");
    b.pushTo(registry.repository("other/b"), "b");
    GcReport report = registry.collectGarbage(NOW_UNTAGGED);
    assertThat(report.deletedBlobs()).isEmpty();
    assertThat(report.deletedManifests()).isEmpty();
    assertThat(report.manifestsMarked()).isEqualTo(2);
    assertThat(report.blobsMarked()).isEqualTo(2 + 3 + 2);
    assertPullsIntact(repo, "a");
    assertPullsIntact(registry.repository("other/b"), "b");
  }

  @Test
  void sharedLayersSurviveTheDeletionOfOneImage() throws Exception {
    Image a = TestImages.ociImage(random, 2, 100);
    Blob shared = a.layers().get(0);
    Blob own = Blob.random(random, 100);
    Image b = imageWithLayers(List.of(shared, own));
    a.pushTo(repo, "a");
    b.pushTo(repo, "b");
    repo.manifests().delete(Reference.of(a.digest()));
    GcReport report = registry.collectGarbage(NOW);
    assertThat(report.deletedBlobs()).extracting(BlobInfo::digest)
        .containsExactlyInAnyOrder(a.digest(), a.config().digest(), a.layers().get(1).digest());
    assertThat(report.bytesFreed()).isEqualTo(a.manifest().length + a.config().bytes().length + 100);
    assertPullsIntact(repo, "b");
    assertThat(repo.blobs().stat(a.layers().get(1).digest())).isEmpty();
  }

  @Test
  void untaggedManifestIsDeletedOnlyWithDeleteUntagged() throws Exception {
    Image old = TestImages.ociImage(random, 1, 100);
    Image current = TestImages.ociImage(random, 1, 100);
    old.pushTo(repo, "latest");
    current.pushTo(repo, "latest");
    assertThat(registry.collectGarbage(NOW).deletedBlobs()).isEmpty();
    assertThat(repo.manifests().get(Reference.of(old.digest()))).isPresent();

    GcReport report = registry.collectGarbage(NOW_UNTAGGED);
    assertThat(report.deletedManifests()).extracting(GcReport.DeletedManifest::digest).containsExactly(old.digest());
    assertThat(report.deletedBlobs()).extracting(BlobInfo::digest)
        .containsExactlyInAnyOrder(old.digest(), old.config().digest(), old.layers().get(0).digest());
    assertThat(repo.manifests().get(Reference.of(old.digest()))).isEmpty();
    assertPullsIntact(repo, "latest");
  }

  @Test
  void childrenOfATaggedIndexSurviveDeleteUntagged() throws Exception {
    Image amd = TestImages.ociImage(random, 1, 100);
    Image arm = TestImages.dockerImage(random, 1, 100);
    amd.pushTo(repo, amd.digest().toString());
    arm.pushTo(repo, arm.digest().toString());
    byte[] index = TestImages.index(List.of(amd, arm));
    repo.manifests().put(Reference.parse("multi"), index, MediaTypes.OCI_INDEX);
    GcReport report = registry.collectGarbage(NOW_UNTAGGED);
    assertThat(report.deletedManifests()).isEmpty();
    assertThat(report.deletedBlobs()).isEmpty();
    assertPullsIntact(repo, amd.digest().toString());
    assertPullsIntact(repo, arm.digest().toString());
  }

  @Test
  void referrersOfALiveSubjectSurviveAndOfADeletedOneGo() throws Exception {
    Image subject = TestImages.ociImage(random, 1, 100);
    subject.pushTo(repo, "1.0");
    Image sbom = TestImages.artifact(random, "application/vnd.example.sbom", subject.digest(), subject.manifest().length);
    sbom.pushTo(repo, sbom.digest().toString());
    assertThat(registry.collectGarbage(NOW_UNTAGGED).deletedManifests()).isEmpty();
    assertThat(repo.manifests().referrers(subject.digest(), Optional.empty())).hasSize(1);

    repo.manifests().delete(Reference.of(subject.digest()));
    GcReport report = registry.collectGarbage(NOW);
    assertThat(report.deletedManifests()).extracting(GcReport.DeletedManifest::digest).containsExactly(sbom.digest());
    assertThat(report.deletedBlobs()).extracting(BlobInfo::digest).contains(sbom.digest(), sbom.layers().get(0).digest());
    assertThat(repo.manifests().get(Reference.of(sbom.digest()))).isEmpty();
    assertThat(repo.manifests().referrers(subject.digest(), Optional.empty())).isEmpty();
  }

  @Test
  void dryRunDeletesNothing() throws Exception {
    Image a = TestImages.ociImage(random, 1, 100);
    a.pushTo(repo, "a");
    repo.manifests().delete(Reference.of(a.digest()));
    GcReport report = registry.collectGarbage(NOW.toBuilder().dryRun(true).build());
    assertThat(report.dryRun()).isTrue();
    assertThat(report.deletedBlobs()).hasSize(3);
    assertThat(registry.storage().stat("/docker/registry/v2/blobs/sha256/" + a.layers().get(0).digest().hex().substring(0, 2)
        + "/" + a.layers().get(0).digest().hex() + "/data").size()).isEqualTo(100);
    assertThat(registry.collectGarbage(NOW).deletedBlobs()).hasSize(3);
  }

  @Test
  void staleUploadsArePurgedAndFreshOnesKept() throws Exception {
    var upload = repo.uploads().start();
    repo.uploads().append(upload.id(), 0, new ByteArrayInputStream(new byte[10]));
    GcOptions hourOld = NOW.toBuilder().uploadMaxAge(Duration.ofHours(1)).build();
    GcReport keep = registry.collectGarbage(hourOld);
    assertThat(keep.purgedUploads()).isEmpty();
    assertThat(repo.uploads().status(upload.id()).offset()).isEqualTo(10);
    clock.advance(Duration.ofHours(2));
    GcReport purge = registry.collectGarbage(hourOld);
    assertThat(purge.purgedUploads()).extracting(GcReport.PurgedUpload::id).containsExactly(upload.id());
    assertThat(repo.uploads().start()).isNotNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.uploads().status(upload.id()))
        .isInstanceOf(registry.core.RegistryException.class);
  }

  @Test
  void purgeUploadsRemovesOnlyOldUploads() throws Exception {
    Image image = TestImages.ociImage(random, 1, 10);
    image.pushTo(repo, "kept");
    var upload = repo.uploads().start();
    repo.uploads().append(upload.id(), 0, new ByteArrayInputStream(new byte[10]));
    assertThat(registry.purgeUploads(Duration.ofHours(1), false)).isEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(registry.purgeUploads(Duration.ofHours(1), true)).extracting(GcReport.PurgedUpload::id)
        .containsExactly(upload.id());
    assertThat(repo.uploads().status(upload.id()).offset()).isEqualTo(10);
    assertThat(registry.purgeUploads(Duration.ofHours(1), false)).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.uploads().status(upload.id()))
        .isInstanceOf(registry.core.RegistryException.class);
    assertPullsIntact(repo, "kept");
  }

  @Test
  void aPushInProgressLosesNothingWithinTheGracePeriod() throws Exception {
    Image image = TestImages.ociImage(random, 2, 100);
    repo.blobs().put(new ByteArrayInputStream(image.config().bytes()), image.config().digest());
    for (Blob layer : image.layers()) {
      repo.blobs().put(new ByteArrayInputStream(layer.bytes()), layer.digest());
    }
    GcReport report = registry.collectGarbage(GcOptions.defaults());
    assertThat(report.deletedBlobs()).isEmpty();
    assertThat(report.blobsSparedByGrace()).isEqualTo(3);
    repo.manifests().put(Reference.parse("late"), image.manifest(), image.mediaType());
    assertPullsIntact(repo, "late");
  }

  @Test
  void emptiedRepositoriesDisappearFromStorage() throws Exception {
    Repository gone = registry.repository("to/go");
    Image a = TestImages.ociImage(random, 1, 10);
    a.pushTo(gone, "x");
    gone.manifests().delete(Reference.of(a.digest()));
    for (Digest d : List.of(a.config().digest(), a.layers().get(0).digest())) {
      gone.blobs().delete(d);
    }
    registry.collectGarbage(NOW);
    assertThat(registry.catalog(-1, Optional.empty()).items()).doesNotContain("to/go");
  }

  @Test
  void aLayerServedElsewhereIsNeverMissedAndKeptWhenPushed() throws Exception {
    Image template = TestImages.ociImage(random, 1, 100);
    Blob elsewhere = Blob.random(random, 200);
    Blob pushedAnyway = Blob.random(random, 300);
    String urls = ",\"urls\":[\"https://example.com/layer\"]}";
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + template.config().descriptorJson(MediaTypes.OCI_CONFIG) + ",\"layers\":["
        + template.layers().get(0).descriptorJson("application/vnd.oci.image.layer.v1.tar") + ","
        + withoutBrace(elsewhere.descriptorJson(NONDISTRIBUTABLE)) + urls + ","
        + withoutBrace(pushedAnyway.descriptorJson(NONDISTRIBUTABLE)) + urls + "]}";
    Image image = new Image(template.config(), List.of(template.layers().get(0), pushedAnyway),
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
    image.pushTo(repo, "windows");

    GcReport report = registry.collectGarbage(NOW_UNTAGGED);
    assertThat(report.deletedBlobs()).isEmpty();
    assertThat(report.deletedManifests()).isEmpty();
    assertThat(repo.manifests().get(Reference.parse("windows"))).isPresent();
    assertThat(repo.blobs().stat(pushedAnyway.digest())).isPresent();
    assertThat(repo.blobs().stat(template.layers().get(0).digest())).isPresent();
  }

  private static final String NONDISTRIBUTABLE = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";

  private static String withoutBrace(String descriptorJson) {
    return descriptorJson.substring(0, descriptorJson.length() - 1);
  }

  private Image imageWithLayers(List<Blob> layers) {
    return TestImages.ociImage(TestImages.ociImage(random, 0, 0).config(), layers);
  }

  /** Every blob the manifest (and, for an index, each child) references is there and matches. */
  public static void assertPullsIntact(Repository repo, String reference) throws Exception {
    Manifest m = repo.manifests().get(Reference.parse(reference)).orElseThrow();
    for (var blob : m.blobReferences()) {
      try (InputStream in = repo.blobs().open(blob.digest(), 0)) {
        assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(blob.digest());
      }
    }
    for (var child : m.manifests()) {
      assertPullsIntact(repo, child.digest().toString());
    }
  }
}
