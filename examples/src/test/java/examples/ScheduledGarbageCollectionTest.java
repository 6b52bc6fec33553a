package examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.gc.GarbageCollector;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.testkit.TestImages;
import registry.storage.fs.FilesystemStorageDriver;

/** Runs {@link ScheduledGarbageCollection}'s schedule on a disk registry whose image was deleted. */
class ScheduledGarbageCollectionTest {

  @Test
  void collectsWhatADeletedImageLeftOnSchedule(@TempDir Path data) throws Exception {
    Registry registry = Registry.builder().storage(FilesystemStorageDriver.create(data)).deleteEnabled(true).build();
    TestImages.Image image = TestImages.ociImage(new Random(3), 2, 10_000);
    image.pushTo(registry.repository("team/app"), "1");
    registry.repository("team/app").manifests().delete(Reference.of(image.digest()));

    BlockingQueue<GcReport> reports = new LinkedBlockingQueue<>();
    // No grace period only because nobody pushes here; a serving registry keeps the default hour.
    GcOptions options = GcOptions.builder().gracePeriod(Duration.ZERO).build();
    try (GarbageCollector gc = ScheduledGarbageCollection.schedule(registry, options, Duration.ofMillis(100), reports::add)) {
      GcReport first = reports.poll(30, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.deletedBlobs()).hasSize(4);  // config, two layers, the manifest
      assertThat(reports.poll(30, TimeUnit.SECONDS).deletedBlobs()).isEmpty();  // and on it goes
    }
  }
}
