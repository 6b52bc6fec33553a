package registry.core.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import registry.core.spi.DeferredSync;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;
import registry.core.storage.InMemoryStorageDriver;

class CheckedStorageDriverTest {

  /** Fails every call in a way chosen by the test; records the paths that reach it. */
  private static final class FailingDriver implements StorageDriver, DeferredSync {
    final List<String> calls = new ArrayList<>();
    RuntimeException failure = new IllegalStateException("bug in driver");

    @Override public String name() {
      return "flaky";
    }

    @Override public byte[] getContent(String path) {
      calls.add(path);
      throw failure;
    }

    @Override public void putContent(String path, byte[] content) throws IOException {
      throw new NoSuchFileException(path);
    }

    @Override public void putContentWithoutSync(String path, byte[] content) {
      calls.add("without sync " + path);
    }

    @Override public InputStream reader(String path, long offset) {
      return new InputStream() {
        @Override public int read() {
          throw new IllegalStateException("broken stream");
        }
      };
    }

    @Override public StorageWriter writer(String path, boolean append) {
      throw failure;
    }

    @Override public FileInfo stat(String path) {
      calls.add(path);
      return new FileInfo(path, 0, java.time.Instant.EPOCH, true);
    }

    @Override public List<String> list(String path) {
      calls.add(path);
      return List.of();
    }

    @Override public void move(String source, String destination) throws IOException {
      throw new IOException("disk on fire");
    }

    @Override public void moveWithoutSync(String source, String destination) {
      calls.add("move without sync " + source + " " + destination);
    }

    @Override public void sync(List<String> written, List<String> moved) {
      calls.add("sync " + written + " " + moved);
    }

    @Override public void delete(String path) {
      throw new UncheckedIOException(new NoSuchFileException(path));
    }
  }

  private final FailingDriver failing = new FailingDriver();
  private final StorageDriver checked = CheckedStorageDriver.wrap(failing);

  @Test
  void nameIsTheDelegates() {
    assertThat(checked.name()).isEqualTo("flaky");
  }

  @Test
  void putContentWithoutSyncReachesTheDelegatesOwnMethod() throws IOException {
    DeferredSync deferred = (DeferredSync) checked;
    deferred.putContentWithoutSync("/uploads/started", new byte[1]);
    // Not its putContent (which fails here): the driver's cheaper write must not be lost.
    assertThat(failing.calls).containsExactly("without sync /uploads/started");
    assertThatThrownBy(() -> deferred.putContentWithoutSync("/../x", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moveWithoutSyncAndSyncReachTheDelegatesOwnMethods() throws IOException {
    DeferredSync deferred = (DeferredSync) checked;
    deferred.moveWithoutSync("/uploads/1/data", "/blobs/ab/data");
    deferred.sync(List.of("/repo/link"), List.of("/blobs/ab/data"));
    // Not its move (which fails here).
    assertThat(failing.calls).containsExactly(
        "move without sync /uploads/1/data /blobs/ab/data", "sync [/repo/link] [/blobs/ab/data]");
    assertThatThrownBy(() -> deferred.moveWithoutSync("/a", "/b/../../c"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> deferred.sync(List.of("/ok"), List.of("relative")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(failing.calls).hasSize(2);
  }

  @Test
  void offersDeferredSyncExactlyWhenTheDelegateDoes() {
    assertThat(checked).isInstanceOf(DeferredSync.class);
    assertThat(CheckedStorageDriver.wrap(new InMemoryStorageDriver())).isNotInstanceOf(DeferredSync.class);
  }

  @Test
  void wrapsOnlyOnce() {
    assertThat(CheckedStorageDriver.wrap(checked)).isSameAs(checked);
    assertThat(((CheckedStorageDriver) checked).delegate()).isSameAs(failing);
  }

  @Test
  void runtimeFailuresBecomeIoExceptionsNamingTheDriver() {
    assertThatThrownBy(() -> checked.getContent("/a"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessageStartingWith("flaky: getContent /a failed")
        .satisfies(e -> assertThat(e.getCause()).isSameAs(failing.failure));
    assertThatThrownBy(() -> checked.writer("/a", true))
        .isExactlyInstanceOf(IOException.class)
        .hasMessageStartingWith("flaky: ");
    assertThatThrownBy(() -> checked.reader("/a", 0).read())
        .isExactlyInstanceOf(IOException.class)
        .hasMessageStartingWith("flaky: reading /a failed");
  }

  @Test
  void missingPathsAndIoFailuresPassThrough() {
    assertThatThrownBy(() -> checked.putContent("/a", new byte[0]))
        .isExactlyInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> checked.move("/a", "/b"))
        .isExactlyInstanceOf(IOException.class).hasMessage("disk on fire");
    assertThatThrownBy(() -> checked.delete("/a"))
        .isExactlyInstanceOf(NoSuchFileException.class).hasMessage("/a");
  }

  @Test
  void invalidPathsNeverReachTheDelegate() {
    assertThatThrownBy(() -> checked.getContent("/a/../b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> checked.reader("/a", -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative offset");
    assertThat(failing.calls).isEmpty();
  }

  @Test
  void visitorFailuresReachTheCallerUnchanged() throws IOException {
    StorageDriver memory = CheckedStorageDriver.wrap(new InMemoryStorageDriver());
    memory.putContent("/a/b", new byte[0]);
    IllegalStateException mine = new IllegalStateException("visitor bug");
    WalkVisitor visitor = e -> {
      throw mine;
    };
    assertThatThrownBy(() -> memory.walk("/", visitor)).isSameAs(mine);
  }
}
