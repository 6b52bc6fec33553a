package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.Tag;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * The packaged server killed with SIGKILL at random moments of chunked pushes, and the
 * {@code garbage-collect} command killed mid-run, round after round on one data directory.
 * After each kill the storage is consistent ({@link Consistency}), every push that got its 201
 * is intact, and every upload cut short either resumes from the offset the restarted server
 * reports or is reported unknown.
 */
class CrashSafetyPackagedIT {

  private static final int ROUNDS = 15;
  private static final int PUSHERS = 2;
  private static final int CHUNK = 64 * 1024;

  @TempDir
  Path tmp;

  /** A push that got its 201: the tag must name this manifest forever after. */
  private record Acked(String repo, String tag, Digest digest) {}

  /** An upload cut by a kill, at this Location (path and query). */
  private record Cut(String location, Blob blob) {}

  private final Queue<Acked> acked = new ConcurrentLinkedQueue<>();
  private final Map<String, Integer> killedDuring = new TreeMap<>();

  @Test
  void killsAtRandomMomentsLoseNothingAcknowledged() throws Exception {
    Path data = tmp.resolve("data");
    Path config = Files.writeString(tmp.resolve("config.yml"), String.join("\n", "version: 0.1", "storage:",
        "  filesystem:", "    rootdirectory: " + data, "  delete:", "    enabled: true", "http:", "  addr: 127.0.0.1:0",
        "log:", "  accesslog:", "    disabled: true", ""));
    Path log = tmp.resolve("server.log");
    Random random = new Random(42);
    List<Cut> cut = new ArrayList<>();
    int resumed = 0;
    int unknown = 0;
    int gcKilled = 0;
    int gcFinished = 0;
    long t0 = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      Process[] server = new Process[1];
      URI base = ServerProcess.serve(tmp, config, log, server);
      for (Cut c : cut) {
        if (resume(base, c)) {
          resumed++;
        } else {
          unknown++;
        }
      }
      cut.clear();
      if (round % 5 == 4) {
        // Garbage to collect: orphan blobs and an untagged manifest; then GC runs alone and is killed.
        Http http = new Http(base);
        for (int i = 0; i < 60; i++) {
          http.pushBlob("gc/orphans", Blob.random(random, 10_000));
        }
        Image untagged = TestImages.ociImage(random, 2, 50_000);
        http.pushImage("gc/orphans", untagged.digest().toString(), untagged);
        ServerProcess.kill(server[0]);
        long logged = Files.size(log);
        Process gc = ServerProcess.start(tmp, log, "garbage-collect", "-m", "--grace-period", "0", config.toString());
        // Killed mid-sweep: a few milliseconds after it reports its first deletion.
        while (gc.isAlive() && !Files.readString(log).substring((int) logged).contains("deleted ")) {
          Thread.sleep(2);
        }
        if (gc.waitFor(random.nextInt(30), TimeUnit.MILLISECONDS)) {
          assertThat(gc.exitValue()).as("garbage-collect exit code").isZero();
          gcFinished++;
        } else {
          ServerProcess.kill(gc);
          gcKilled++;
        }
      } else {
        cut.addAll(pushUntilKilled(base, server[0], round, 300 + random.nextInt(1500), random.nextLong()));
      }
      try {
        check(data);
      } catch (AssertionError e) {
        throw new AssertionError("after round " + round + " (" + (round % 5 == 4 ? "garbage-collect" : "server")
            + " killed; kills so far landed during " + killedDuring + "): " + e.getMessage(), e);
      }
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000;
    System.out.printf("reliability: crash: %d SIGKILL rounds in %d s (%d of the server mid-push, %d of garbage-collect"
        + " mid-run, %d GC runs finished before the kill); kills landed during %s; %d acknowledged pushes all intact;"
        + " %d cut uploads resumed, %d reported unknown; lost: nothing%n", ROUNDS, seconds,
        ROUNDS - gcKilled - gcFinished, gcKilled, gcFinished, killedDuring, acked.size(), resumed, unknown);
    assertThat(acked).as("pushes acknowledged").hasSizeGreaterThan(ROUNDS);
  }

  /** Pushers push until the server is killed {@code killAfterMillis} from now; returns the uploads cut. */
  private List<Cut> pushUntilKilled(URI base, Process server, int round, long killAfterMillis, long seed)
      throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    String[] phase = new String[PUSHERS];
    ExecutorService pool = Executors.newFixedThreadPool(PUSHERS);
    List<Future<Cut>> pushers = new ArrayList<>();
    for (int t = 0; t < PUSHERS; t++) {
      int me = t;
      Random random = new Random(seed + t);
      pushers.add(pool.submit(() -> {
        Http http = new Http(base);
        for (int n = 0; ; n++) {
          Image image = TestImages.ociImage(random, 2, 100_000 + random.nextInt(300_000));
          String repo = "crash/app" + me;
          String tag = "r" + round + "-" + n;
          List<Blob> blobs = new ArrayList<>(image.layers());
          blobs.add(image.config());
          for (Blob b : blobs) {
            String[] location = {null};
            try {
              phase[me] = "PATCH";
              location[0] = http.startUpload(repo);
              for (int off = 0; off < b.bytes().length; off += CHUNK) {
                location[0] = http.patch(location[0], b.bytes(), off, Math.min(b.bytes().length, off + CHUNK));
              }
              phase[me] = "blob PUT";
              http.finish(location[0], b.digest());
            } catch (IOException e) {
              return killed.get() && location[0] != null ? new Cut(location[0], b) : rethrow(e, killed);
            }
          }
          try {
            phase[me] = "manifest PUT";
            http.putManifest(repo, tag, image);
            phase[me] = "between pushes";
          } catch (IOException e) {
            return rethrow(e, killed);
          }
          acked.add(new Acked(repo, tag, image.digest()));
        }
      }));
    }
    Thread.sleep(killAfterMillis);
    killed.set(true);
    synchronized (phase) {
      for (String p : phase) {
        killedDuring.merge(String.valueOf(p), 1, Integer::sum);
      }
    }
    ServerProcess.kill(server);
    List<Cut> cut = new ArrayList<>();
    for (Future<Cut> f : pushers) {
      Cut c = f.get(60, TimeUnit.SECONDS);
      if (c != null) {
        cut.add(c);
      }
    }
    pool.shutdown();
    return cut;
  }

  /** A connection failure is expected only once the kill has come. */
  private static Cut rethrow(IOException e, AtomicBoolean killed) throws IOException {
    if (killed.get()) {
      return null;
    }
    throw e;
  }

  /**
   * The upload cut by the kill, on the restarted server: its status either reports what arrived
   * (then the rest is sent from there and the blob completes) or the upload is unknown.
   */
  private static boolean resume(URI base, Cut cut) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> status = client.send(HttpRequest.newBuilder(base.resolve(cut.location())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (status.statusCode() == 404) {
      assertThat(status.body()).contains("BLOB_UPLOAD_UNKNOWN");
      return false;
    }
    assertThat(status.statusCode()).as("upload status after restart: %s", status.body()).isEqualTo(204);
    String range = status.headers().firstValue("Range").orElseThrow();
    long offset = Long.parseLong(range.substring(range.indexOf('-') + 1)) + 1;
    byte[] b = cut.blob().bytes();
    assertThat(offset).isLessThanOrEqualTo(b.length);
    Http http = new Http(base);
    String location = cut.location();
    if (offset < b.length) {
      // "0-0" means 0 or 1 bytes: the server refuses the wrong one with 416 and changes nothing.
      String next = http.patchOrRefused(location, b, offset == 1 ? 0 : offset);
      location = next != null ? next : http.patch(location, b, 1, b.length);
    }
    http.finish(location, cut.blob().digest());
    return true;
  }

  /** Consistency of the stored data, and every acknowledged push intact; read with the server down. */
  private void check(Path data) throws IOException {
    try (Registry registry = Registry.builder().storage(FilesystemStorageDriver.create(data)).build()) {
      Consistency.check(registry);
      for (Acked a : acked) {
        Repository repo = registry.repository(a.repo());
        assertThat(repo.tags().resolve(Tag.of(a.tag()))).as("%s:%s", a.repo(), a.tag()).contains(a.digest());
        Manifest m = repo.manifests().get(Reference.parse(a.digest().toString())).orElseThrow();
        Consistency.checkBlobs(repo, m);
      }
    }
  }
}
