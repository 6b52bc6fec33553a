package registry.core.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.RepositoryName;
import registry.core.UploadStatus;
import registry.core.spi.DeferredSync;
import registry.core.spi.StorageDriver;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.HookedStorageDriver;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;

/**
 * Whatever the registry acknowledges is durable when the call returns: no path it wrote or
 * moved is still left to the kernel, and no content was moved before it was durable.
 */
class DurabilityTest {

  private final DurabilityTrackingDriver storage = new DurabilityTrackingDriver(new InMemoryStorageDriver());
  private final Registry registry = Registry.builder().storage(storage).build();
  private final Repository repo = registry.repository("team/app");
  private final Random random = new Random(27);

  @Test
  void aMonolithicBlobPushIsDurableWhenItReturns() throws IOException {
    Blob blob = Blob.random(random, 4096);
    repo.blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest());
    assertThat(storage.notDurable()).isEmpty();
    assertThat(storage.violations()).isEmpty();
  }

  @Test
  void onlyAnUnfinishedUploadMayBeLost() throws IOException {
    Blob blob = Blob.random(random, 3000);
    UploadStatus s = repo.uploads().start();
    assertThat(storage.notDurable()).singleElement().asString().endsWith("/" + s.id() + "/startedat");
    s = repo.uploads().append(s.id(), 0, new ByteArrayInputStream(blob.bytes(), 0, 1000));
    assertThat(storage.notDurable()).hasSize(2); // a 202 for a chunk promises no durability
    repo.uploads().finish(s.id(), blob.digest(), new ByteArrayInputStream(blob.bytes(), 1000, 2000));
    assertThat(storage.notDurable()).isEmpty();
    assertThat(storage.violations()).isEmpty();
  }

  @Test
  void aWholeImagePushMountAndTagAreDurableWhenTheyReturn() throws IOException {
    Image image = TestImages.ociImage(random, 2, 2048);
    image.pushTo(repo, "1.0");
    assertThat(storage.notDurable()).isEmpty();
    Repository other = registry.repository("team/other");
    Optional<RepositoryName> from = Optional.of(RepositoryName.of("team/app"));
    other.blobs().mount(image.config().digest(), from);
    for (Blob layer : image.layers()) {
      other.blobs().mount(layer.digest(), from);
    }
    other.manifests().put(Reference.parse("copy"), image.manifest(), image.mediaType());
    assertThat(storage.notDurable()).isEmpty();
    assertThat(storage.violations()).isEmpty();
  }

  @Test
  void aDriverWithoutDeferredSyncIsOnlyAskedForDurableWrites() throws IOException {
    List<String> operations = new ArrayList<>();
    StorageDriver plain = HookedStorageDriver.wrap(new InMemoryStorageDriver(), (operation, path) -> operations.add(operation));
    assertThat(plain).isNotInstanceOf(DeferredSync.class);
    Repository app = Registry.builder().storage(plain).build().repository("team/app");
    UploadStatus s = app.uploads().start();
    Blob blob = Blob.random(random, 100);
    app.uploads().finish(s.id(), blob.digest(), new ByteArrayInputStream(blob.bytes()));
    assertThat(operations).contains("putContent", "move")
        .doesNotContain("putContentWithoutSync", "moveWithoutSync", "sync");
  }

  @Test
  void aHookedDriverKeepsItsDelegatesDeferredSync() throws IOException {
    List<String> operations = new ArrayList<>();
    StorageDriver hooked = HookedStorageDriver.wrap(storage, (operation, path) -> operations.add(operation));
    assertThat(hooked).isInstanceOf(DeferredSync.class);
    Blob blob = Blob.random(random, 100);
    Registry.builder().storage(hooked).build().repository("team/app").blobs()
        .put(new ByteArrayInputStream(blob.bytes()), blob.digest());
    assertThat(operations).contains("moveWithoutSync", "putContentWithoutSync", "sync")
        .doesNotContain("move");
    assertThat(storage.notDurable()).isEmpty();
  }

  @Test
  void aPushOfABlobAnotherPushLeftUnsyncedSyncsItsName() throws IOException {
    Blob blob = Blob.random(random, 4096);
    storage.failNextSync(); // the first push dies after moving the blob into place
    assertThatThrownBy(() -> repo.blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest()))
        .isInstanceOf(IOException.class);
    assertThat(storage.notDurable()).anyMatch(p -> p.startsWith("/docker/registry/v2/blobs/"));
    // The second push finds the blob in place and does not move it, but must still sync it.
    registry.repository("team/second").blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest());
    assertThat(storage.notDurable()).noneMatch(p -> p.startsWith("/docker/registry/v2/blobs/"));
    assertThat(storage.violations()).isEmpty();
  }
}
