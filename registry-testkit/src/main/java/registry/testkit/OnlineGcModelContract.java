package registry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.RepositoryName;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.core.spi.StorageDriver;
import registry.testkit.HookedStorageDriver;
import registry.testkit.TestImages.Blob;

/**
 * Online garbage collection against a model of what clients were told: two registry instances
 * share one storage; a client pushes, retags old manifests by digest, mounts, pushes indexes
 * and deletes through either instance while collections run on one or both, interleaved one
 * storage operation at a time in an order drawn from the seed. After every client operation,
 * and after every round, everything acknowledged must pull intact.
 *
 * <p>{@code -Dregistry.gcmodel.seeds=N} runs more seeds ({@code -Dregistry.gcmodel.firstseed}
 * moves the range) for a longer search than CI's.
 */
public abstract class OnlineGcModelContract {

  private static final List<String> REPOS = List.of("team/app", "mirror/base");
  private static final List<String> TAGS = List.of("latest", "v1", "v2");
  private static final int ROUNDS = 8;
  private static final int OPERATIONS_PER_ROUND = 4;

  /** A new, empty storage for one seed. */
  protected abstract StorageDriver newDriver() throws Exception;

  static Stream<Long> seeds() {
    long first = Long.getLong("registry.gcmodel.firstseed", 1);
    return LongStream.range(first, first + Integer.getInteger("registry.gcmodel.seeds", 16)).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everythingAcknowledgedSurvivesCollectionsRunningBeside(long seed) throws Exception {
    new Run(seed, newDriver()).play();
  }

  /** One seed's rounds: a client and one or two collectors per round. */
  private static final class Run {
    private final Random random;
    private final Interleaver interleaver;
    private final StorageDriver storage;
    private final List<Registry> instances;
    private final GcOptions gc;
    private final AcknowledgedModel model;
    private final List<Blob> shared;
    private final List<Pushed> pushed = new ArrayList<>();
    /** What happened, for the message of a failure. */
    private final List<String> trace = java.util.Collections.synchronizedList(new ArrayList<>());

    Run(long seed, StorageDriver driver) {
      random = new Random(seed);
      interleaver = new Interleaver(seed);
      storage = HookedStorageDriver.wrap(driver, (operation, path) -> interleaver.gate());
      instances = List.of(newInstance(), newInstance());
      boolean deleteUntagged = seed % 2 == 0;
      gc = GcOptions.builder().gracePeriod(Duration.ZERO).deleteUntagged(deleteUntagged).build();
      model = new AcknowledgedModel(deleteUntagged);
      shared = List.of(Blob.random(random, 48), Blob.random(random, 48));
    }

    private Registry newInstance() {
      return Registry.builder().storage(storage).deleteEnabled(true).build();
    }

    void play() throws Exception {
      for (int round = 0; round < ROUNDS; round++) {
        long clientSeed = random.nextLong();
        List<Interleaver.Task> tasks = new ArrayList<>();
        tasks.add(() -> client(new Random(clientSeed)));
        int collector = random.nextInt(2);
        tasks.add(() -> collect(instances.get(collector)));
        if (random.nextInt(3) == 0) {
          tasks.add(() -> collect(instances.get(1 - collector)));
        }
        List<Throwable> failures = interleaver.run(tasks);
        if (!failures.isEmpty()) {
          AssertionError error = new AssertionError("round " + round + " failed after " + interleaver.steps()
              + " storage operations; what happened:\n  " + String.join("\n  ", trace), failures.get(0));
          failures.stream().skip(1).forEach(error::addSuppressed);
          throw error;
        }
        model.check(newInstance());
      }
      // a last collection with nothing beside it keeps what was acknowledged, and takes garbage
      Blob orphan = Blob.random(random, 16);
      instances.get(1).repository(REPOS.get(0)).blobs().put(new ByteArrayInputStream(orphan.bytes()), orphan.digest());
      GcReport last = instances.get(0).collectGarbage(gc);
      assertThat(last.deletedBlobs()).as("a collection that deletes nothing proves nothing")
          .anyMatch(b -> b.digest().equals(orphan.digest()));
      model.check(newInstance());
    }

    private void collect(Registry instance) throws IOException {
      trace.add("collection on instance " + instances.indexOf(instance) + " starts");
      GcReport report = instance.collectGarbage(gc);
      trace.add("collection on instance " + instances.indexOf(instance) + " deleted manifests "
          + report.deletedManifests().stream().map(m -> m.repository() + "@" + shortly(m.digest())).toList()
          + " blobs " + report.deletedBlobs().stream().map(b -> shortly(b.digest())).toList());
    }

    private static String shortly(Digest digest) {
      return digest.hex().substring(0, 8);
    }

    private void client(Random random) throws Exception {
      for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
        Registry instance = instances.get(random.nextInt(instances.size()));
        String repo = REPOS.get(random.nextInt(REPOS.size()));
        trace.add("client on instance " + instances.indexOf(instance) + ", " + repo + ":");
        switch (random.nextInt(7)) {
          case 0, 1 -> pushImage(random, instance.repository(repo), optionalTag(random));
          case 2, 3 -> retagOld(random, instance.repository(repo));
          case 4 -> mountAndPush(random, instance, repo);
          case 5 -> pushIndex(random, instance.repository(repo));
          default -> delete(random, instance.repository(repo));
        }
        model.check(newInstance());
      }
    }

    private Optional<String> optionalTag(Random random) {
      return random.nextInt(4) == 0 ? Optional.empty() : Optional.of(TAGS.get(random.nextInt(TAGS.size())));
    }

    /** Pushes an image of a new config, a new layer and maybe a layer other images share. */
    private void pushImage(Random random, Repository repo, Optional<String> tag) throws IOException {
      List<Blob> layers = new ArrayList<>();
      if (random.nextBoolean()) {
        layers.add(shared.get(random.nextInt(shared.size())));
      }
      layers.add(Blob.random(random, 32));
      for (Blob layer : layers) {
        if (!putBlob(repo, layer)) {
          return;
        }
      }
      pushManifest(random, repo, layers, tag);
    }

    /** Uploads a new config and puts a manifest of it and {@code layers}, whose blobs were pushed. */
    private void pushManifest(Random random, Repository repo, List<Blob> layers, Optional<String> tag)
        throws IOException {
      Blob config = Blob.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + random.nextLong() + "}")
          .getBytes(StandardCharsets.UTF_8));
      if (!putBlob(repo, config)) {
        return;
      }
      byte[] bytes = TestImages.ociImage(config, layers).manifest();
      put(repo, bytes, MediaTypes.OCI_MANIFEST, tag, layers);
    }

    /**
     * Pushes a blob. With no grace period a collection may take a blob the moment it is stored,
     * before the push is answered: that push is refused as unavailable, never acknowledged.
     */
    private boolean putBlob(Repository repo, Blob blob) throws IOException {
      try {
        repo.blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest());
        return true;
      } catch (RegistryException e) {
        trace.add("  blob " + shortly(blob.digest()) + ": " + e.getMessage());
        assertThat(e.code()).as("refusal of a blob push: %s", e.getMessage()).isEqualTo(ErrorCode.UNAVAILABLE);
        return false;
      }
    }

    /** Reads a manifest pushed earlier (maybe untagged since) by digest and tags it again. */
    private void retagOld(Random random, Repository repo) throws IOException {
      List<Pushed> candidates = pushed.stream().filter(p -> p.repo.equals(repo.name().toString())).toList();
      if (candidates.isEmpty()) {
        return;
      }
      Pushed old = candidates.get(random.nextInt(candidates.size()));
      Optional<Manifest> m = repo.manifests().get(Reference.of(old.digest));
      if (m.isPresent()) {
        put(repo, m.get().bytes(), m.get().mediaType(), Optional.of(TAGS.get(random.nextInt(TAGS.size()))), old.layers);
      }
    }

    /** Mounts a layer of an image of another repository and pushes an image that uses it. */
    private void mountAndPush(Random random, Registry instance, String repo) throws IOException {
      List<Pushed> candidates = pushed.stream().filter(p -> !p.repo.equals(repo) && !p.layers.isEmpty()).toList();
      if (candidates.isEmpty()) {
        return;
      }
      Pushed from = candidates.get(random.nextInt(candidates.size()));
      Blob layer = from.layers.get(random.nextInt(from.layers.size()));
      Repository target = instance.repository(repo);
      if (target.blobs().mount(layer.digest(), Optional.of(RepositoryName.of(from.repo))).isPresent()) {
        pushManifest(random, target, List.of(layer), Optional.of(TAGS.get(random.nextInt(TAGS.size()))));
      }
    }

    /** Puts an index of manifests the repository has tagged. */
    private void pushIndex(Random random, Repository repo) throws IOException {
      List<Digest> tagged = new ArrayList<>(model.tags(repo.name().toString()).values());
      if (tagged.isEmpty()) {
        return;
      }
      StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
          + "\",\"manifests\":[");
      int count = 1 + random.nextInt(Math.min(2, tagged.size()));
      for (int i = 0; i < count; i++) {
        Digest child = tagged.get(random.nextInt(tagged.size()));
        Optional<Manifest> m = repo.manifests().get(Reference.of(child));
        if (m.isEmpty()) {
          return; // lost: the model check after this operation reports it
        }
        json.append(i > 0 ? "," : "").append("{\"mediaType\":\"").append(m.get().mediaType())
            .append("\",\"digest\":\"").append(child).append("\",\"size\":").append(m.get().size()).append('}');
      }
      byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
      put(repo, bytes, MediaTypes.OCI_INDEX, Optional.of(TAGS.get(random.nextInt(TAGS.size()))), List.of());
    }

    /** Deletes a tag or a manifest that the model has: it succeeds, unless a collection could take it first. */
    private void delete(Random random, Repository repo) throws IOException {
      String name = repo.name().toString();
      Map<String, Digest> tags = model.tags(name);
      if (random.nextBoolean() && !tags.isEmpty()) {
        String tag = new ArrayList<>(tags.keySet()).get(random.nextInt(tags.size()));
        repo.manifests().delete(Reference.parse(tag));
        trace.add("  deleted tag " + tag);
        model.tagDeleted(name, tag);
        return;
      }
      List<Digest> deletable = model.deletableRevisions(name);
      if (!deletable.isEmpty()) {
        Digest d = deletable.get(random.nextInt(deletable.size()));
        try {
          repo.manifests().delete(Reference.of(d));
          trace.add("  deleted " + shortly(d));
        } catch (RegistryException e) {
          assertThat(model.mustKeep(name, d)).as("%s@%s was acknowledged and kept: %s", name, d, e.getMessage()).isFalse();
        }
        model.manifestDeleted(name, d);
      }
    }

    /**
     * Puts a manifest; an acknowledged put enters the model. A collection may take blobs that
     * nothing kept before the manifest arrived (the grace period is zero here), so a refusal
     * for an unknown blob is an honest answer, never a loss.
     */
    private void put(Repository repo, byte[] bytes, String mediaType, Optional<String> tag, List<Blob> layers)
        throws IOException {
      Manifest m;
      String what = "put " + shortly(Digest.sha256(bytes)) + " as " + tag.orElse("(digest)");
      try {
        Reference ref = tag.isPresent() ? Reference.parse(tag.get()) : Reference.of(Digest.sha256(bytes));
        m = repo.manifests().put(ref, bytes, mediaType);
        trace.add("  " + what + ": acknowledged");
      } catch (RegistryException e) {
        trace.add("  " + what + ": " + e.getMessage());
        assertThat(e.code()).as("refusal of a manifest put: %s", e.getMessage()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
        return;
      }
      model.put(repo.name().toString(), m, tag);
      pushed.add(new Pushed(repo.name().toString(), m.digest(), layers));
    }
  }

  private record Pushed(String repo, Digest digest, List<Blob> layers) {}
}
