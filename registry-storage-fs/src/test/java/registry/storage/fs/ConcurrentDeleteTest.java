package registry.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.spi.StorageDriver;

/**
 * Writes into a directory that another thread deletes at the same moment, on a real disk: a
 * race inside one storage call, which no interleaving of whole calls shows. A collection
 * deleting a manifest's revision directory while a retag writes its link there is this race.
 */
class ConcurrentDeleteTest {

  private static final Duration RUN = Duration.ofSeconds(2);

  @TempDir
  Path root;

  @Test
  void putContentSurvivesADeleteOfItsDirectory() throws Exception {
    StorageDriver storage = FilesystemStorageDriver.create(root);
    String dir = "/repositories/app/_manifests/revisions/sha256/abc";
    byte[] link = "sha256:abc".getBytes(StandardCharsets.US_ASCII);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger writes = new AtomicInteger();
    long deadline = System.nanoTime() + RUN.toNanos();
    // A collection deletes a directory once a run; this deletes it a thousand times a second.
    Thread deleter = new Thread(() -> {
      while (System.nanoTime() < deadline) {
        try {
          storage.delete(dir);
        } catch (NoSuchFileException e) {
          // not written yet
        } catch (Exception e) {
          // a directory filled meanwhile may refuse its deletion: that is the deleter's concern
        }
        LockSupport.parkNanos(1_000_000);
      }
    });
    deleter.start();
    while (System.nanoTime() < deadline) {
      try {
        storage.putContent(dir + "/link", link);
        writes.incrementAndGet();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    deleter.join();
    assertThat(failures).as("putContent beside a delete of its directory, %d writes", writes.get()).isEmpty();
  }
}
