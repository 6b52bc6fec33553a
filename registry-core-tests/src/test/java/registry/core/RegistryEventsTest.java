package registry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import registry.core.RegistryEvent.Action;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Image;

class RegistryEventsTest {

  private final Random random = new Random(3);
  private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void pushPullMountAndDeleteAreReportedInOrder() throws Exception {
    Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).deleteEnabled(true)
        .listener(events::add).build();
    Repository repo = registry.repository("team/app");
    Image image = TestImages.ociImage(random, 1, 10);
    image.pushTo(repo, "1.0");
    repo.manifests().get(Reference.parse("1.0"));
    try (InputStream in = repo.blobs().open(image.layers().get(0).digest(), 0)) {
      in.readAllBytes();
    }
    registry.repository("other/x").blobs().mount(image.layers().get(0).digest(), Optional.of(repo.name()));
    repo.manifests().delete(Reference.parse("1.0"));
    repo.manifests().delete(Reference.of(image.digest()));
    repo.blobs().delete(image.config().digest());
    registry.close();

    assertThat(events).extracting(RegistryEvent::action).containsExactly(
        Action.PUSH, Action.PUSH, Action.PUSH, Action.PULL, Action.PULL, Action.MOUNT, Action.DELETE, Action.DELETE,
        Action.DELETE);
    RegistryEvent manifestPush = events.get(2);
    assertThat(manifestPush.digest()).isEqualTo(image.digest());
    assertThat(manifestPush.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifestPush.tag()).contains(Tag.of("1.0"));
    assertThat(manifestPush.isManifest()).isTrue();
    assertThat(events.get(0).size()).isEqualTo(image.config().bytes().length);
    assertThat(events.get(5).from()).contains(repo.name());
    assertThat(events.get(5).repository()).isEqualTo(RepositoryName.of("other/x"));
    assertThat(events.get(6).tag()).contains(Tag.of("1.0"));
    assertThat(registry.droppedEvents()).isZero();
  }

  @Test
  void aStuckListenerNeverBlocksRequestsAndAThrowingOneBreaksNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).listener(event -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      events.add(event);
      throw new IllegalStateException("listener bug");
    }).build();
    Repository repo = registry.repository("team/app");
    for (int i = 0; i < 20; i++) {
      repo.blobs().put(new ByteArrayInputStream(new byte[] {(byte) i}), Digest.sha256(new byte[] {(byte) i}));
    }
    assertThat(events).isEmpty(); // all 20 pushes returned while the listener was stuck
    release.countDown();
    registry.close();
    assertThat(events).hasSize(20);
  }
}
