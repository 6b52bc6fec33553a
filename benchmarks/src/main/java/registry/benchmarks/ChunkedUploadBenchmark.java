package registry.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.UploadStatus;
import registry.core.spi.StorageDriver;
import registry.core.storage.InMemoryStorageDriver;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * A 64 MiB blob pushed through the {@link Registry} API in chunks, per driver and chunk size.
 * Each operation is one whole push (start, appends, finish with verification).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ChunkedUploadBenchmark {

  private static final int BLOB_SIZE = 64 * 1024 * 1024;

  @Param({"inmemory", "filesystem"})
  public String driver;

  @Param({"65536", "1048576", "16777216"})
  public int chunkSize;

  private byte[] content;
  private Digest digest;
  private Path root;
  private Registry registry;
  private Repository repo;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    content = new byte[BLOB_SIZE];
    new Random(2).nextBytes(content);
    digest = Digest.sha256(content);
    StorageDriver storage;
    if (driver.equals("filesystem")) {
      root = Files.createTempDirectory("bench-fs");
      storage = FilesystemStorageDriver.create(root);
    } else {
      storage = new InMemoryStorageDriver();
    }
    registry = Registry.builder().storage(storage).deleteEnabled(true).build();
    repo = registry.repository("bench/chunked");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    registry.close();
    if (root != null) {
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public BlobInfo chunkedPush() throws IOException {
    UploadStatus s = repo.uploads().start();
    for (int off = 0; off < BLOB_SIZE; off += chunkSize) {
      s = repo.uploads().append(s.id(), off, new ByteArrayInputStream(content, off, Math.min(chunkSize, BLOB_SIZE - off)));
    }
    BlobInfo blob = repo.uploads().finish(s.id(), digest, null);
    // the next push publishes the blob again instead of finding it in place
    registry.storage().delete("/docker/registry/v2/blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
    return blob;
  }
}
