package registry.core.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.spi.WalkVisitor;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.GarbageCollectionContract;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.testkit.TestImages;

/**
 * Random sequences of pushes, re-tags, index pushes and deletes, checked against a model after
 * every collection: what the model says is reachable pulls intact, and no blob outside it is left.
 */
class GarbageCollectionModelTest {

  private static final List<String> REPOS = List.of("a/one", "b/two");
  private static final List<String> TAGS = List.of("t1", "t2", "t3");

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long s = 1; s <= 40; s++) {
      seeds.add(s);
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void reachableManifestsPullIntactAndUnreachableBlobsAreGone(long seed) throws Exception {
    Random random = new Random(seed);
    Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).deleteEnabled(true).build();
    List<Blob> shared = List.of(Blob.random(random, 64), Blob.random(random, 64), Blob.random(random, 64));
    // model: per repository, live revisions and tags
    Map<String, Map<Digest, Manifest>> revisions = new HashMap<>();
    Map<String, Map<String, Digest>> tags = new HashMap<>();
    for (String r : REPOS) {
      revisions.put(r, new HashMap<>());
      tags.put(r, new HashMap<>());
    }
    for (int step = 0; step < 60; step++) {
      String r = REPOS.get(random.nextInt(REPOS.size()));
      Repository repo = registry.repository(r);
      int op = random.nextInt(10);
      if (op < 4) {
        Image image = randomImage(random, shared);
        String tag = TAGS.get(random.nextInt(TAGS.size()));
        Manifest m = image.pushTo(repo, tag);
        revisions.get(r).put(m.digest(), m);
        tags.get(r).put(tag, m.digest());
      } else if (op < 5) {
        List<Digest> images = new ArrayList<>();
        for (Map.Entry<Digest, Manifest> e : revisions.get(r).entrySet()) {
          if (!e.getValue().isIndex()) {
            images.add(e.getKey());
          }
        }
        if (images.size() >= 2) {
          images.sort(null);
          byte[] index = indexOf(revisions.get(r), images.subList(0, 2));
          String tag = TAGS.get(random.nextInt(TAGS.size()));
          Manifest m = repo.manifests().put(Reference.parse(tag), index, MediaTypes.OCI_INDEX);
          revisions.get(r).put(m.digest(), m);
          tags.get(r).put(tag, m.digest());
        }
      } else if (op < 6 && !tags.get(r).isEmpty()) {
        String tag = new ArrayList<>(tags.get(r).keySet()).get(random.nextInt(tags.get(r).size()));
        repo.manifests().delete(Reference.parse(tag));
        tags.get(r).remove(tag);
      } else if (op < 7 && !revisions.get(r).isEmpty()) {
        // a child of a live index is not deleted directly: that would break the index itself
        Set<Digest> children = new HashSet<>();
        revisions.get(r).values().forEach(m -> m.manifests().forEach(c -> children.add(c.digest())));
        List<Digest> all = new ArrayList<>(revisions.get(r).keySet());
        all.removeAll(children);
        all.sort(null);
        if (all.isEmpty()) {
          continue;
        }
        Digest victim = all.get(random.nextInt(all.size()));
        repo.manifests().delete(Reference.of(victim));
        revisions.get(r).remove(victim);
        tags.get(r).values().removeIf(victim::equals);
      } else if (op < 9) {
        boolean untagged = random.nextBoolean();
        registry.collectGarbage(GcOptions.builder().gracePeriod(Duration.ZERO).deleteUntagged(untagged).build());
        if (untagged) {
          for (String repoName : REPOS) {
            Set<Digest> keep = reachableFromTags(revisions.get(repoName), tags.get(repoName));
            revisions.get(repoName).keySet().retainAll(keep);
          }
        }
        checkAgainstModel(registry, revisions, tags);
      }
    }
  }

  private static void checkAgainstModel(Registry registry, Map<String, Map<Digest, Manifest>> revisions,
      Map<String, Map<String, Digest>> tags) throws Exception {
    Set<Digest> needed = new HashSet<>();
    for (String r : REPOS) {
      Repository repo = registry.repository(r);
      for (Map.Entry<Digest, Manifest> e : revisions.get(r).entrySet()) {
        GarbageCollectionContract.assertPullsIntact(repo, e.getKey().toString());
        needed.add(e.getKey());
        e.getValue().blobReferences().forEach(d -> needed.add(d.digest()));
      }
      for (Map.Entry<String, Digest> t : tags.get(r).entrySet()) {
        assertThat(repo.manifests().get(Reference.parse(t.getKey())).orElseThrow().digest()).isEqualTo(t.getValue());
      }
    }
    Set<Digest> stored = new HashSet<>();
    try {
      registry.storage().walk("/docker/registry/v2/blobs", entry -> {
        if (entry.path().endsWith("/data")) {
          String dir = entry.path().substring(0, entry.path().length() - 5);
          stored.add(Digest.parse("sha256:" + dir.substring(dir.lastIndexOf('/') + 1)));
        }
        return WalkVisitor.Decision.CONTINUE;
      });
    } catch (java.nio.file.NoSuchFileException e) {
      // nothing stored
    }
    assertThat(stored).as("blobs left after GC").isEqualTo(needed);
  }

  private static Set<Digest> reachableFromTags(Map<Digest, Manifest> revisions, Map<String, Digest> tags) {
    Set<Digest> keep = new HashSet<>();
    List<Digest> queue = new ArrayList<>(tags.values());
    while (!queue.isEmpty()) {
      Digest d = queue.remove(queue.size() - 1);
      if (keep.add(d) && revisions.containsKey(d)) {
        for (Descriptor child : revisions.get(d).manifests()) {
          queue.add(child.digest());
        }
      }
    }
    keep.retainAll(revisions.keySet());
    return keep;
  }

  private static Image randomImage(Random random, List<Blob> shared) {
    Image fresh = TestImages.ociImage(random, 1 + random.nextInt(2), 32);
    List<Blob> layers = new ArrayList<>(fresh.layers());
    if (random.nextBoolean()) {
      layers.add(shared.get(random.nextInt(shared.size())));
    }
    return TestImages.ociImage(fresh.config(), layers);
  }

  private static byte[] indexOf(Map<Digest, Manifest> revisions, List<Digest> children) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[");
    for (int i = 0; i < children.size(); i++) {
      Manifest m = revisions.get(children.get(i));
      json.append(i > 0 ? "," : "").append("{\"mediaType\":\"").append(m.mediaType()).append("\",\"digest\":\"")
          .append(m.digest()).append("\",\"size\":").append(m.size()).append('}');
    }
    return json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static ByteArrayInputStream bytes(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
