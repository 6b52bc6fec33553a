package registry.core.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.GarbageCollectionContract;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.testkit.TestImages;

/**
 * Pushers, deleters and pullers run while garbage collection loops: nothing a client finished
 * pushing (and did not delete) is lost, and no request fails.
 */
class GarbageCollectionConcurrencyTest {

  private static final Duration RUN = Duration.ofSeconds(6);
  private static final GcOptions GC = GcOptions.builder().gracePeriod(Duration.ofSeconds(2)).build();

  @Test
  void pushesAndPullsDuringCollectionLoseNothing() throws Exception {
    Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).deleteEnabled(true).build();
    Blob base = Blob.random(new Random(1), 256);
    List<String> live = new CopyOnWriteArrayList<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger collections = new AtomicInteger();
    AtomicInteger deletedBlobs = new AtomicInteger();
    long deadline = System.nanoTime() + RUN.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<?>> tasks = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      int pusher = p;
      tasks.add(pool.submit(() -> {
        Random random = new Random(100 + pusher);
        Repository repo = registry.repository("pusher/" + pusher);
        List<Digest> mine = new ArrayList<>();
        for (int n = 0; System.nanoTime() < deadline; n++) {
          try {
            Image image = withBase(TestImages.ociImage(random, 1, 128), base);
            image.pushTo(repo, "t" + n);
            mine.add(image.digest());
            live.add(repo.name() + "@" + image.digest());
            if (mine.size() > 5 && random.nextInt(3) == 0) {
              Digest victim = mine.remove(0);
              live.remove(repo.name() + "@" + victim);
              repo.manifests().delete(Reference.of(victim));
            }
          } catch (Throwable t) {
            failures.add(t);
            return;
          }
        }
      }));
    }
    tasks.add(pool.submit(() -> {
      Random random = new Random(7);
      while (System.nanoTime() < deadline) {
        List<String> snapshot = new ArrayList<>(live);
        if (snapshot.isEmpty()) {
          continue;
        }
        String ref = snapshot.get(random.nextInt(snapshot.size()));
        String[] parts = ref.split("@");
        try {
          var m = registry.repository(parts[0]).manifests().get(Reference.parse(parts[1]));
          if (m.isPresent()) { // absent only when its pusher deleted it meanwhile
            GarbageCollectionContract.assertPullsIntact(registry.repository(parts[0]), parts[1]);
          } else {
            assertThat(live).doesNotContain(ref);
          }
        } catch (Throwable t) {
          if (live.contains(ref)) {
            failures.add(t);
            return;
          }
        }
      }
    }));
    tasks.add(pool.submit(() -> {
      while (System.nanoTime() < deadline) {
        try {
          deletedBlobs.addAndGet(registry.collectGarbage(GC).deletedBlobs().size());
          collections.incrementAndGet();
        } catch (Throwable t) {
          failures.add(t);
          return;
        }
      }
    }));
    for (Future<?> f : tasks) {
      f.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(failures).isEmpty();
    assertThat(collections.get()).isGreaterThan(3);
    for (String ref : live) {
      String[] parts = ref.split("@");
      GarbageCollectionContract.assertPullsIntact(registry.repository(parts[0]), parts[1]);
    }
    // the deleted images were really collected once they were older than the grace period
    GcReport last = registry.collectGarbage(GC.toBuilder().gracePeriod(Duration.ZERO).build());
    assertThat(deletedBlobs.get() + last.deletedBlobs().size()).isPositive();
  }

  private static Image withBase(Image image, Blob base) {
    List<Blob> layers = new ArrayList<>(image.layers());
    layers.add(0, base);
    return TestImages.ociImage(image.config(), layers);
  }
}
