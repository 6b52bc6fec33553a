package registry.storage.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.spi.StorageDriver;
import registry.testkit.StorageDriverContract;

class FilesystemStorageDriverTest extends StorageDriverContract {

  @TempDir
  Path dir;

  @Override
  protected StorageDriver newDriver() throws IOException {
    return FilesystemStorageDriver.create(dir.resolve("root"));
  }

  @Test
  void storagePathsAreFilesUnderTheRoot() throws IOException {
    driver.putContent(path("/x/y"), "hello".getBytes(UTF_8));
    Path file = dir.resolve("root").resolve(path("/x/y").substring(1));
    assertThat(file).hasContent("hello");
  }

  @Test
  void pathsCannotEscapeTheRoot() throws IOException {
    // Unchecked on purpose: the driver itself must hold the line.
    FilesystemStorageDriver raw = FilesystemStorageDriver.create(dir.resolve("root"));
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/secret"), "secret");
    for (String escape : List.of("/../outside/secret", "/a/../../outside/secret", "//" + dir.resolve("outside/secret"), "/..")) {
      assertThat(catchThrowable(() -> raw.getContent(escape))).as(escape).isInstanceOf(IllegalArgumentException.class);
      assertThat(catchThrowable(() -> raw.putContent(escape, new byte[1]))).as(escape).isInstanceOf(IllegalArgumentException.class);
      assertThat(catchThrowable(() -> raw.delete(escape))).as(escape).isInstanceOf(IllegalArgumentException.class);
      assertThat(catchThrowable(() -> raw.list(escape))).as(escape).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(catchThrowable(() -> raw.delete("/a/.."))).isInstanceOf(IllegalArgumentException.class);
    assertThat(dir.resolve("outside/secret")).hasContent("secret");
    assertThat(dir.resolve("root")).isDirectory();
  }

  @Test
  void temporaryFilesAreNeitherListedNorWalked() throws IOException {
    driver.putContent(path("/d/f"), new byte[1]);
    Path d = dir.resolve("root").resolve(path("/d").substring(1));
    Files.write(d.resolve(".tmp-leftover"), new byte[1]);
    Files.setLastModifiedTime(d.resolve(".tmp-leftover"), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    assertThat(driver.list(path("/d"))).containsExactly(path("/d/f"));
    List<String> walked = new java.util.ArrayList<>();
    driver.walk(path(""), e -> {
      walked.add(e.path());
      return registry.core.spi.WalkVisitor.Decision.CONTINUE;
    });
    assertThat(walked).containsExactlyInAnyOrder(path("/d"), path("/d/f"));
  }

  @Test
  void aDeleteLeavesAWriteInProgressAndItsDirectory() throws IOException {
    driver.putContent(path("/d/f"), new byte[1]);
    Path d = dir.resolve("root").resolve(path("/d").substring(1));
    Files.write(d.resolve(".tmp-in-flight"), new byte[1]);
    assertThatThrownBy(() -> driver.delete(path("/d"))).isInstanceOf(DirectoryNotEmptyException.class);
    assertThat(driver.list(path("/d"))).isEmpty(); // what was in place is gone
    assertThat(d.resolve(".tmp-in-flight")).exists();

    // a temporary file that old is a crash's leftover, no write in progress
    Files.setLastModifiedTime(d.resolve(".tmp-in-flight"), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    driver.delete(path("/d"));
    assertThat(d).doesNotExist();
  }

  @Test
  void replacingWriterLeavesNoTemporaryFile() throws IOException {
    try (var w = driver.writer(path("/w"), false)) {
      w.write(new byte[10]);
      w.commit();
    }
    try (var w = driver.writer(path("/w"), false)) {
      w.write(new byte[10]);
      w.cancel();
    }
    try (var files = Files.list(dir.resolve("root").resolve(path("").substring(1)))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("w");
    }
  }
}
