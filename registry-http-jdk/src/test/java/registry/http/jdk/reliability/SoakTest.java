package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.testkit.peers.V2Client;
import registry.http.jdk.RegistryServer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * 20,000 small pushes and pulls through one in-process server on the filesystem driver, with
 * live threads, open file descriptors and heap used after a full GC sampled along the way.
 * Bounds, from the baseline taken after a warm-up: threads within +20, file descriptors
 * within +50, heap after GC within +64 MiB. A leak of one thread, descriptor or buffer per
 * request would exceed them many times over.
 */
class SoakTest {

  private static final int ITERATIONS = 15_000;
  private static final int WARMUP = 500;
  private static final Path SHM = Path.of("/dev/shm");
  private static final int CLIENTS = 4;
  private static final int SAMPLES = 5;
  private static final int MAX_EXTRA_THREADS = 20;
  private static final int MAX_EXTRA_FDS = 50;
  private static final long MAX_EXTRA_HEAP = 64L << 20;

  @TempDir
  Path tmp;

  @Test
  void manySmallPushesAndPullsLeakNothing() throws Exception {
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    // On tmpfs when there is one: the driver syncs every commit, and on this machine's disk that
    // alone made 20,000 iterations take minutes; leaks do not depend on the disk's speed.
    Path root = Files.isWritable(SHM) ? Files.createTempDirectory(SHM, "soak") : tmp;
    try (RegistryServer server = RegistryServer.builder().storage(FilesystemStorageDriver.create(root))
        .failureListener(failures::add).build().start()) {
      Blob layer = Blob.random(new Random(3), 2048);
      new V2Client(server.uri()).pushBlob("soak/app", layer);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<HttpClient> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(HttpClient.newHttpClient());
      }
      run(pool, clients, server.uri(), layer, 0, WARMUP);
      Sample base = Sample.take();
      List<Sample> samples = new ArrayList<>();
      long t0 = System.nanoTime();
      int per = (ITERATIONS - WARMUP) / SAMPLES;
      for (int s = 0; s < SAMPLES; s++) {
        run(pool, clients, server.uri(), layer, WARMUP + s * per, per);
        samples.add(Sample.take());
      }
      long seconds = (System.nanoTime() - t0) / 1_000_000_000;
      pool.shutdown();
      Sample worst = new Sample(samples.stream().mapToInt(Sample::threads).max().orElseThrow(),
          samples.stream().mapToLong(Sample::fds).max().orElseThrow(),
          samples.stream().mapToLong(Sample::heap).max().orElseThrow());
      System.out.printf("reliability: soak: %d push+pull iterations (%d requests) in %d s after a %d warm-up;"
          + " baseline threads %d, fds %d, heap %d MiB; worst of %d samples: threads %+d, fds %+d, heap %+d MiB%n",
          ITERATIONS, ITERATIONS * 5, seconds, WARMUP, base.threads(), base.fds(), base.heap() >> 20, SAMPLES,
          worst.threads() - base.threads(), worst.fds() - base.fds(), (worst.heap() - base.heap()) >> 20);
      assertThat(worst.threads()).as("live threads").isLessThanOrEqualTo(base.threads() + MAX_EXTRA_THREADS);
      assertThat(worst.fds()).as("open file descriptors").isLessThanOrEqualTo(base.fds() + MAX_EXTRA_FDS);
      assertThat(worst.heap()).as("heap used after GC").isLessThanOrEqualTo(base.heap() + MAX_EXTRA_HEAP);
    } finally {
      if (!root.equals(tmp)) {
        deleteTree(root);
      }
    }
    assertThat(failures).as("server-side failures (500s)").isEmpty();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** Iterations {@code from} to {@code from + count}, spread over the clients; waits for all. */
  private static void run(ExecutorService pool, List<HttpClient> clients, URI base, Blob layer, int from, int count)
      throws Exception {
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      HttpClient http = clients.get(c);
      int first = from + c;
      running.add(pool.submit(() -> {
        for (int i = first; i < from + count; i += CLIENTS) {
          iteration(http, base, layer, i);
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get(5, TimeUnit.MINUTES);
    }
  }

  /** One push (config blob POST + PUT, manifest PUT) and one pull (manifest GET, config GET): five requests. */
  private static void iteration(HttpClient http, URI base, Blob layer, int i) throws Exception {
    Image image = SharedLayers.oci(new Random(i), List.of(layer));
    Blob config = image.config();
    String repo = "soak/app";
    HttpResponse<Void> started = send(http, HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()), 202);
    URI location = base.resolve(started.headers().firstValue("Location").orElseThrow());
    send(http, HttpRequest.newBuilder(URI.create(location + (location.getQuery() == null ? "?" : "&")
        + "digest=" + config.digest())).PUT(HttpRequest.BodyPublishers.ofByteArray(config.bytes())), 201);
    String tag = "t" + (i % 100);
    send(http, HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + tag))
        .header("Content-Type", image.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(image.manifest())), 201);
    HttpResponse<byte[]> m = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + image.digest()))
        .header("Accept", V2Client.ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(m.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> b = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/" + config.digest()))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(b.statusCode()).isEqualTo(200);
    assertThat(Digest.sha256(b.body())).isEqualTo(config.digest());
  }

  private static HttpResponse<Void> send(HttpClient http, HttpRequest.Builder request, int expected) throws Exception {
    HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).as("%s", r.request().uri()).isEqualTo(expected);
    return r;
  }

  /** Live threads, open file descriptors of this process, heap used after a full GC. */
  private record Sample(int threads, long fds, long heap) {
    static Sample take() throws IOException, InterruptedException {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(50);
      }
      long fds;
      try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
        fds = s.count();
      }
      return new Sample(ManagementFactory.getThreadMXBean().getThreadCount(), fds,
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
  }
}
