package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.Reference;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.testkit.peers.V2Client;
import registry.http.jdk.RegistryServer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * 32 clients push images that share layers to the same repositories and tags, and pull them,
 * all at once for a bounded time over one server on the filesystem driver. No request gets a
 * 5xx, every pull sees a complete image, and at the end every tag names a manifest that some
 * client pushed, whose blobs are all there.
 */
class ConcurrentClientsTest {

  private static final int CLIENTS = 32;
  private static final Duration RUN = Duration.ofSeconds(10);
  private static final List<String> REPOS = List.of("shared/app", "shared/base");
  private static final List<String> TAGS = List.of("latest", "v1", "v2");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void overlappingPushesAndPullsStayConsistent() throws Exception {
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Image> images = images(new Random(7));
    Set<Digest> pushable = ConcurrentHashMap.newKeySet();
    images.forEach(i -> pushable.add(i.digest()));
    AtomicInteger pushes = new AtomicInteger();
    AtomicInteger pulls = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    try (RegistryServer server = RegistryServer.builder().storage(FilesystemStorageDriver.create(tmp))
        .failureListener(failures::add).build().start()) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long deadline = System.nanoTime() + RUN.toNanos();
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Random random = new Random(1000 + c);
        clients.add(pool.submit(() -> {
          V2Client push = new V2Client(server.uri());
          HttpClient pull = HttpClient.newHttpClient();
          while (System.nanoTime() < deadline) {
            String repo = REPOS.get(random.nextInt(REPOS.size()));
            String tag = TAGS.get(random.nextInt(TAGS.size()));
            if (random.nextInt(3) > 0) {
              Image image = images.get(random.nextInt(images.size()));
              requests.addAndGet(push(push, pull, server.uri(), repo, tag, image, random));
              pushes.incrementAndGet();
            } else {
              requests.addAndGet(pull(pull, server.uri(), repo, tag));
              pulls.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : clients) {
        f.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      int tags = 0;
      for (String repo : REPOS) {
        for (String tag : Consistency.tagsOf(server.registry().repository(repo))) {
          Manifest m = server.registry().repository(repo).manifests().get(Reference.parse(tag)).orElseThrow();
          assertThat(pushable).as("%s:%s names a manifest some client pushed", repo, tag).contains(m.digest());
          tags++;
        }
      }
      Consistency.Report report = Consistency.check(server.registry());
      System.out.printf("reliability: concurrency: %d clients, %d s: %d pushes, %d pulls, %d requests, no 5xx;"
          + " %d tags, %d manifests, %d blobs consistent%n", CLIENTS, RUN.toSeconds(), pushes.get(), pulls.get(),
          requests.get(), tags, report.manifests(), report.blobs());
      assertThat(tags).isEqualTo(REPOS.size() * TAGS.size());
    }
    assertThat(failures).as("server-side failures (500s)").isEmpty();
  }

  /**
   * A client's push: each blob unless a HEAD finds it (as docker does), chunked or whole, then
   * the manifest. V2Client fails on any unexpected status, a 5xx included. Returns the requests made.
   */
  private static int push(V2Client client, HttpClient http, URI base, String repo, String tag, Image image,
      Random random) throws Exception {
    int requests = 0;
    List<Blob> blobs = new ArrayList<>(image.layers());
    blobs.add(image.config());
    for (Blob b : blobs) {
      HttpResponse<Void> head = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/" + b.digest()))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      requests++;
      assertThat(head.statusCode()).as("HEAD blob").isIn(200, 404);
      if (head.statusCode() == 200) {
        continue;
      }
      if (random.nextBoolean()) {
        client.pushBlobChunked(repo, b, 16 * 1024);
        requests += 2 + b.bytes().length / (16 * 1024);
      } else {
        client.pushBlob(repo, b);
        requests += 2;
      }
    }
    client.pushManifest(repo, tag, image.manifest(), image.mediaType());
    return requests + 1;
  }

  /** Pulls a tag (it may not exist yet) and every blob of what it names; returns the requests made. */
  private static int pull(HttpClient http, URI base, String repo, String tag) throws Exception {
    HttpResponse<byte[]> m = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + tag))
        .header("Accept", V2Client.ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(m.statusCode()).as("GET %s:%s", repo, tag).isIn(200, 404);
    if (m.statusCode() == 404) {
      return 1;
    }
    int requests = 1;
    JsonNode json = JSON.readTree(m.body());
    List<JsonNode> descriptors = new ArrayList<>();
    descriptors.add(json.get("config"));
    json.get("layers").forEach(descriptors::add);
    for (JsonNode d : descriptors) {
      Digest digest = Digest.parse(d.get("digest").asText());
      HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/" + digest))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      requests++;
      assertThat(blob.statusCode()).as("GET blob %s of %s:%s", digest, repo, tag).isEqualTo(200);
      assertThat(Digest.sha256(blob.body())).isEqualTo(digest);
    }
    return requests;
  }

  /** Eight images over a pool of six shared layers: every pair of images likely shares one. */
  private static List<Image> images(Random random) {
    return SharedLayers.images(random, SharedLayers.pool(random, 6, 20_000, 80_000), 8);
  }
}
