package registry.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * A dry-run collection of a registry of 1,000 images (9 layers and a config each: 10,000 blobs,
 * in 100 repositories of 10 tags) on the filesystem driver: the mark over every manifest and
 * the walk over every blob, with nothing to delete.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class GarbageCollectionBenchmark {

  private static final int REPOSITORIES = 100;
  private static final int IMAGES_PER_REPOSITORY = 10;
  private static final int LAYERS = 9;

  private Path root;
  private Registry registry;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    root = Files.createTempDirectory("bench-gc");
    registry = Registry.builder().storage(FilesystemStorageDriver.create(root)).build();
    Random random = new Random(4);
    for (int r = 0; r < REPOSITORIES; r++) {
      Repository repo = registry.repository("team" + r + "/app");
      for (int i = 0; i < IMAGES_PER_REPOSITORY; i++) {
        StringBuilder layers = new StringBuilder();
        for (int l = 0; l < LAYERS; l++) {
          byte[] b = new byte[256];
          random.nextBytes(b);
          Digest d = Digest.sha256(b);
          repo.blobs().put(new ByteArrayInputStream(b), d);
          layers.append(l > 0 ? "," : "").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
              .append(d).append("\",\"size\":256}");
        }
        byte[] config = ("{\"n\":" + r + "." + i + "}").getBytes(StandardCharsets.UTF_8);
        repo.blobs().put(new ByteArrayInputStream(config), Digest.sha256(config));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
            + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":" + config.length
            + "},\"layers\":[" + layers + "]}";
        repo.manifests().put(Reference.parse("v" + i), manifest.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    registry.close();
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public GcReport dryRun() throws IOException {
    GcReport report = registry.collectGarbage(GcOptions.builder().dryRun(true).gracePeriod(Duration.ZERO).build());
    if (report.blobsMarked() != REPOSITORIES * IMAGES_PER_REPOSITORY * (LAYERS + 2) || !report.deletedBlobs().isEmpty()) {
      throw new IllegalStateException("unexpected report: " + report.summary());
    }
    return report;
  }
}
