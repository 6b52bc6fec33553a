package registry.core.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.UploadStatus;
import registry.core.spi.WalkVisitor;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.HookedStorageDriver;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;

/**
 * Storage fails at every single operation of a push in turn: each time the push fails cleanly,
 * nothing half-written is visible, and once the fault clears the same push succeeds.
 */
class StorageFaultTest {

  private static final String REPOSITORY = "/docker/registry/v2/repositories/team/app";

  @ParameterizedTest(name = "short writes: {0}")
  @ValueSource(booleans = {false, true})
  void aFaultAtAnyStepOfAPushLeavesTheRegistryConsistent(boolean shortWrites) throws Exception {
    Image image = chunkedImage();
    long steps = countSteps(image);
    assertThat(steps).isGreaterThan(20);
    long housekeeping = 0;
    for (long failAt = 1; failAt <= steps; failAt++) {
      FaultInjector faults = new FaultInjector();
      faults.shortWrites(shortWrites);
      Registry registry = Registry.builder()
          .storage(HookedStorageDriver.wrap(new InMemoryStorageDriver(), faults)).build();
      Repository repo = registry.repository("team/app");
      faults.failAt(failAt);
      long at = failAt;
      Throwable failure = catchThrowable(() -> push(repo, image));
      if (failure == null) {
        // Only removing a finished upload's directory may fail unnoticed: the blob is durable
        // and linked by then, and the upload purge takes what is left.
        assertThat(faults.injected()).as("fault at step %d", at)
            .matches("delete /docker/registry/v2/repositories/team/app/_uploads/[0-9a-f-]+");
        housekeeping++;
      } else {
        assertThat(failure).as("fault at step %d", at).isInstanceOf(IOException.class);
      }
      faults.failAt(-1);
      assertConsistent(registry, repo);
      push(repo, image); // the client's retry
      assertConsistent(registry, repo);
      assertThat(repo.manifests().get(Reference.parse("1.0")).orElseThrow().digest()).isEqualTo(image.digest());
    }
    // The figure the README's reliability section quotes.
    assertThat(housekeeping).isLessThanOrEqualTo(2); // one per upload of the push
    System.out.printf("reliability: storage faults: %d faults injected (one at each storage call of a push%s):"
        + " %d pushes failed cleanly, %d succeeded as a fault hit only the clean-up after them; nothing was"
        + " half-visible and every retry succeeded%n", steps,
        shortWrites ? ", failing writes first writing half" : "", steps - housekeeping, housekeeping);
  }

  /** The push a client makes: the config whole, the layer in three chunks, then the manifest. */
  private static void push(Repository repo, Image image) throws IOException {
    if (repo.blobs().stat(image.config().digest()).isEmpty()) {
      repo.blobs().put(new ByteArrayInputStream(image.config().bytes()), image.config().digest());
    }
    Blob layer = image.layers().get(0);
    if (repo.blobs().stat(layer.digest()).isEmpty()) {
      UploadStatus s = repo.uploads().start();
      byte[] b = layer.bytes();
      int third = b.length / 3;
      s = repo.uploads().append(s.id(), 0, new ByteArrayInputStream(b, 0, third));
      s = repo.uploads().append(s.id(), s.offset(), new ByteArrayInputStream(b, third, third));
      repo.uploads().finish(s.id(), layer.digest(), new ByteArrayInputStream(b, 2 * third, b.length - 2 * third));
    }
    repo.manifests().put(Reference.parse("1.0"), image.manifest(), image.mediaType());
  }

  private static long countSteps(Image image) throws IOException {
    FaultInjector faults = new FaultInjector();
    Registry registry = Registry.builder()
        .storage(HookedStorageDriver.wrap(new InMemoryStorageDriver(), faults)).build();
    faults.failAt(-1);
    push(registry.repository("team/app"), image);
    return faults.calls();
  }

  /**
   * Every tag resolves to a manifest whose blobs are all there and match their digests, and
   * every blob in storage matches its digest.
   */
  private static void assertConsistent(Registry registry, Repository repo) throws Exception {
    for (String tag : tags(registry, repo)) {
      Manifest m = repo.manifests().get(Reference.parse(tag)).orElseThrow(() -> new AssertionError("dangling tag " + tag));
      for (Descriptor d : m.blobReferences()) {
        try (InputStream in = repo.blobs().open(d.digest(), 0)) {
          assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(d.digest());
        }
      }
    }
    try {
      registry.storage().walk("/docker/registry/v2/blobs", entry -> {
        if (entry.path().endsWith("/data")) {
          String dir = entry.path().substring(0, entry.path().length() - 5);
          Digest digest = Digest.parse("sha256:" + dir.substring(dir.lastIndexOf('/') + 1));
          try (InputStream in = registry.storage().reader(entry.path(), 0)) {
            assertThat(Digest.sha256(in.readAllBytes())).as("content at " + entry.path()).isEqualTo(digest);
          }
        }
        return WalkVisitor.Decision.CONTINUE;
      });
    } catch (NoSuchFileException e) {
      // no blobs at all
    }
  }

  /**
   * The repository's tags. {@code NAME_UNKNOWN} is the one refusal allowed, and only while
   * nothing of the repository is in storage: any other would let the check pass unchecked.
   */
  private static List<String> tags(Registry registry, Repository repo) throws IOException {
    List<String> tags;
    try {
      tags = repo.tags().list(-1, Optional.empty()).items();
    } catch (RegistryException e) {
      assertThat(e.code()).as("listing tags failed: %s", e.getMessage()).isEqualTo(ErrorCode.NAME_UNKNOWN);
      assertThat(catchThrowable(() -> registry.storage().stat(REPOSITORY)))
          .as("NAME_UNKNOWN while %s is in storage", REPOSITORY).isInstanceOf(NoSuchFileException.class);
      return List.of();
    }
    assertThat(tags).isSubsetOf("1.0");
    return tags;
  }

  private static Image chunkedImage() {
    return TestImages.ociImage(new Random(11), 1, 300_000);
  }
}
