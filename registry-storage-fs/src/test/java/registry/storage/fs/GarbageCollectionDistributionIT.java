package registry.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.testkit.peers.DistributionProcess;
import registry.testkit.peers.Peers;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Image;
import registry.testkit.peers.V2Client;

/**
 * Our collector against distribution's {@code garbage-collect} on the same data: the same
 * candidates where distribution is right, and distribution still serves what we keep.
 */
class GarbageCollectionDistributionIT {

  private static final GcOptions NOW = GcOptions.builder().gracePeriod(Duration.ZERO).build();

  @TempDir
  Path work;

  private final Random random = new Random(5);

  @Test
  void dryRunCandidatesMatchDistributionsAndDistributionServesWhatWeKeep() throws Exception {
    Path root = work.resolve("data");
    List<Image> kept = new ArrayList<>();
    try (Registry ours = Registry.builder().storage(FilesystemStorageDriver.create(root)).deleteEnabled(true).build()) {
      Repository app = ours.repository("team/app");
      Image deleted = TestImages.ociImage(random, 2, 1000);
      deleted.pushTo(app, "gone");
      app.manifests().delete(Reference.of(deleted.digest()));
      Image retagged = TestImages.ociImage(random, 1, 1000);
      retagged.pushTo(app, "latest");
      Image current = TestImages.dockerImage(random, 2, 1000);
      current.pushTo(app, "latest");
      kept.add(current);
      Image amd = TestImages.ociImage(random, 1, 500);
      Image arm = TestImages.ociImage(random, 1, 500);
      Repository multi = ours.repository("team/multi");
      amd.pushTo(multi, amd.digest().toString());
      arm.pushTo(multi, arm.digest().toString());
      multi.manifests().put(Reference.parse("1"), TestImages.index(List.of(amd, arm)), MediaTypes.OCI_INDEX);
      Image other = TestImages.ociImage(random, 1, 100);
      other.pushTo(ours.repository("other/x"), "v");
      kept.add(other);

      GcReport ourDryRun = ours.collectGarbage(NOW.toBuilder().dryRun(true).build());
      assertThat(digests(ourDryRun.deletedBlobs())).isEqualTo(distributionCandidates(root, false, "blob"))
          .hasSize(4);
      assertThat(ourDryRun.deletedManifests()).isEmpty();

      GcReport ourUntagged = ours.collectGarbage(NOW.toBuilder().dryRun(true).deleteUntagged(true).build());
      Set<String> theirBlobs = distributionCandidates(root, true, "blob");
      Set<String> theirManifests = distributionCandidates(root, true, "manifest");
      // distribution wrongly deletes the children of a tagged index with --delete-untagged
      Set<String> children = Set.of(amd.digest().toString(), arm.digest().toString());
      Set<String> childBlobs = new TreeSet<>(children);
      for (Image im : List.of(amd, arm)) {
        childBlobs.add(im.config().digest().toString());
        im.layers().forEach(l -> childBlobs.add(l.digest().toString()));
      }
      assertThat(theirManifests).containsAll(children);
      theirManifests.removeAll(children);
      theirBlobs.removeAll(childBlobs);
      assertThat(ourUntagged.deletedManifests().stream().map(m -> m.digest().toString()).collect(Collectors.toSet()))
          .isEqualTo(theirManifests).containsExactly(retagged.digest().toString());
      assertThat(digests(ourUntagged.deletedBlobs())).isEqualTo(theirBlobs).hasSize(4 + 3);

      GcReport real = ours.collectGarbage(NOW.toBuilder().deleteUntagged(true).build());
      assertThat(real.deletedBlobs()).hasSize(7);
    }

    try (DistributionProcess distribution = DistributionProcess.serveFilesystem(root, work)) {
      V2Client client = new V2Client(distribution.uri());
      assertPulls(client, "team/app", "latest", kept.get(0));
      assertPulls(client, "other/x", "v", kept.get(1));
      HttpResponse<byte[]> index = client.getManifest("team/multi", "1");
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(client.getManifest("team/app", "gone").statusCode()).isEqualTo(404);
    }
  }

  private static void assertPulls(V2Client client, String repo, String tag, Image image) throws Exception {
    HttpResponse<byte[]> m = client.getManifest(repo, tag);
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).isEqualTo(image.manifest());
    assertThat(client.getBlob(repo, image.config().digest())).isEqualTo(image.config().bytes());
    for (var layer : image.layers()) {
      assertThat(client.getBlob(repo, layer.digest())).isEqualTo(layer.bytes());
    }
  }

  private static Set<String> digests(List<BlobInfo> blobs) {
    return blobs.stream().map(b -> b.digest().toString()).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Runs {@code docker-registry garbage-collect --dry-run} and collects "KIND eligible for deletion" digests. */
  private Set<String> distributionCandidates(Path root, boolean deleteUntagged, String kind) throws Exception {
    Path executable = Peers.require("docker-registry", "docker-registry");
    Path config = work.resolve("gc-config.yml");
    Files.writeString(config, "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + root + "\n");
    List<String> command = new ArrayList<>(List.of(executable.toString(), "garbage-collect", "--dry-run"));
    if (deleteUntagged) {
      command.add("--delete-untagged");
    }
    command.add(config.toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("AWS_CA_BUNDLE");
    Process p = pb.start();
    Set<String> result = new TreeSet<>();
    StringBuilder all = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      String prefix = kind + " eligible for deletion: ";
      while ((line = r.readLine()) != null) {
        all.append(line).append('\n');
        if (line.startsWith(prefix)) {
          result.add(Digest.parse(line.substring(prefix.length()).trim()).toString());
        }
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(all.toString()).isZero();
    return result;
  }
}
