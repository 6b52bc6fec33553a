package registry.http.jdk.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.storage.fs.FilesystemStorageDriver;

/** {@code garbage-collect} against a config.yml over a filesystem registry seeded in-process. */
class GarbageCollectCommandTest {

  @TempDir
  Path tmp;

  private Path config;
  private Image tagged;
  private Image untagged;
  private List<Blob> orphans;

  @BeforeEach
  void seed() throws IOException {
    Path data = tmp.resolve("data");
    config = Files.writeString(tmp.resolve("config.yml"),
        "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + data + "\n");
    Random random = new Random(5);
    tagged = TestImages.ociImage(random, 2, 300);
    untagged = TestImages.ociImage(random, 1, 200);
    orphans = List.of(Blob.random(random, 100), Blob.random(random, 50));
    try (Registry registry = registry(data)) {
      Repository app = registry.repository("team/app");
      tagged.pushTo(app, "1");
      untagged.pushTo(app, untagged.digest().toString());
      for (Blob b : orphans) {
        app.blobs().put(new java.io.ByteArrayInputStream(b.bytes()), b.digest());
      }
    }
  }

  private static Registry registry(Path data) throws IOException {
    return Registry.builder().storage(FilesystemStorageDriver.create(data)).deleteEnabled(true).build();
  }

  private boolean blobExists(Digest digest) throws IOException {
    try (Registry registry = registry(tmp.resolve("data"))) {
      return registry.repository("team/app").blobs().stat(digest).isPresent();
    }
  }

  private boolean manifestExists(Digest digest) throws IOException {
    try (Registry registry = registry(tmp.resolve("data"))) {
      return registry.repository("team/app").manifests().get(Reference.of(digest)).isPresent();
    }
  }

  @Test
  void dryRunListsCandidatesAndDeletesNothing() throws IOException {
    CliRun r = CliRun.of("garbage-collect", "--dry-run", "--grace-period", "0", config.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("blob eligible for deletion: " + orphans.get(0).digest() + " (100 bytes)",
        "blob eligible for deletion: " + orphans.get(1).digest() + " (50 bytes)",
        "dry run: ", "2 blobs (150 bytes) would be deleted");
    assertThat(r.out()).doesNotContain("manifest eligible", tagged.digest().toString());
    assertThat(blobExists(orphans.get(0).digest())).isTrue();

    CliRun untaggedToo = CliRun.of("garbage-collect", "-d", "-m", "--grace-period=0", config.toString());
    assertThat(untaggedToo.out()).contains(
        "manifest eligible for deletion: " + untagged.digest() + " (team/app)",
        "blob eligible for deletion: " + untagged.layers().get(0).digest(),
        "blob eligible for deletion: " + untagged.config().digest());
    assertThat(manifestExists(untagged.digest())).isTrue();
  }

  @Test
  void realRunDeletesTheCandidatesAndKeepsTaggedImages() throws IOException {
    CliRun r = CliRun.of("garbage-collect", "--delete-untagged", "--grace-period", "0s", config.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("deleted manifest: " + untagged.digest() + " (team/app)",
        "deleted blob: " + orphans.get(0).digest(), "deleted blob: " + untagged.layers().get(0).digest(),
        "1 manifests and 4 blobs");
    assertThat(blobExists(orphans.get(0).digest())).isFalse();
    assertThat(manifestExists(untagged.digest())).isFalse();
    assertThat(manifestExists(tagged.digest())).isTrue();
    for (Blob layer : tagged.layers()) {
      assertThat(blobExists(layer.digest())).isTrue();
    }
    assertThat(CliRun.of("garbage-collect", "-m", "--grace-period", "0", config.toString()).out())
        .doesNotContain("deleted blob", "deleted manifest").contains("0 manifests and 0 blobs");
  }

  @Test
  void theDefaultGracePeriodSparesFreshBlobs() throws IOException {
    CliRun r = CliRun.of("garbage-collect", config.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("deleted blob", "deleted manifest").contains("0 manifests and 0 blobs", "2 unreferenced blobs spared");
    assertThat(blobExists(orphans.get(1).digest())).isTrue();
  }

  @Test
  void refusesBadUsageWithExitCode2() {
    assertThat(CliRun.of("garbage-collect").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("garbage-collect", "--grace-period").exitCode()).isEqualTo(2);
    CliRun badGrace = CliRun.of("garbage-collect", "--grace-period", "soon", config.toString());
    assertThat(badGrace.exitCode()).isEqualTo(2);
    assertThat(badGrace.err()).contains("--grace-period: 'soon' is not a duration");
    assertThat(CliRun.of("garbage-collect", "--force", config.toString()).err()).contains("unknown option --force");
    CliRun missing = CliRun.of("garbage-collect", tmp.resolve("none.yml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("none.yml: cannot read");
  }

  @Test
  void failsWithExitCode1WhenTheStorageCannotBeRead() throws IOException {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    Path broken = Files.writeString(tmp.resolve("broken.yml"),
        "storage:\n  filesystem:\n    rootdirectory: " + notADirectory.resolve("data") + "\n");
    CliRun r = CliRun.withEnv(Map.of(), "garbage-collect", broken.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains("garbage-collect failed");
  }

  @Test
  void environmentOverridesTheRootDirectory() throws IOException {
    Path other = Files.writeString(tmp.resolve("other.yml"), "storage:\n  filesystem:\n    rootdirectory: /nonexistent\n");
    CliRun r = CliRun.withEnv(Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", tmp.resolve("data").toString()),
        "garbage-collect", "-d", "--grace-period", "0", other.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("blob eligible for deletion: " + orphans.get(0).digest());
  }
}
