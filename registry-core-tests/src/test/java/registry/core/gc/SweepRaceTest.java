package registry.core.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.storage.InMemoryStorageDriver;
import registry.core.spi.StorageDriver;
import registry.testkit.GarbageCollectionContract;
import registry.testkit.HookedStorageDriver;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;

/**
 * A write landing in a directory while the collector deletes it makes the filesystem's
 * recursive delete fail with {@link DirectoryNotEmptyException} (a race inside one call, which
 * cannot be had on demand, so the driver says it here as the disk would). The collection goes
 * on and keeps what was written.
 */
class SweepRaceTest {

  @Test
  void aDirectoryWrittenToWhileDeletedIsLeftAndTheCollectionGoesOn() throws Exception {
    AtomicBoolean raced = new AtomicBoolean();
    StorageDriver storage = HookedStorageDriver.wrap(new InMemoryStorageDriver(), (operation, path) -> {
      if (operation.equals("delete") && path.contains("/_manifests/revisions/") && raced.compareAndSet(false, true)) {
        throw new DirectoryNotEmptyException(path);
      }
    });
    Registry registry = Registry.builder().storage(storage).deleteEnabled(true).build();
    Repository repo = registry.repository("team/app");
    Image image = TestImages.ociImage(new Random(8), 1, 32);
    image.pushTo(repo, "v1");
    repo.manifests().delete(Reference.parse("v1"));
    Blob orphan = Blob.random(new Random(9), 16);
    repo.blobs().put(new ByteArrayInputStream(orphan.bytes()), orphan.digest());

    GcReport report = registry.collectGarbage(GcOptions.builder().gracePeriod(Duration.ZERO).deleteUntagged(true).build());

    assertThat(raced).isTrue();
    assertThat(report.deletedManifests()).isEmpty(); // its directory was written to: left for the next run
    assertThat(report.deletedBlobs()).extracting(b -> b.digest()).containsExactly(orphan.digest());
    GarbageCollectionContract.assertPullsIntact(repo, image.digest().toString());
  }
}
