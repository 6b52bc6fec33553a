package registry.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import registry.core.Page;
import registry.core.Registry;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Listings over continuation tokens (5,000 children, several pages), the {@code -} versus {@code /}
 * sort trap, and delete by true sub-paths only, through the driver and through the registry's
 * catalog and tag list. On the in-memory server: these are many small objects.
 */
class S3ListingIT {

  private static final String LINK = "sha256:" + "0".repeat(64);

  private final RequestCounter counter = new RequestCounter();
  private final S3Client client = S3TestServer.inMemory().newClient(RequestChecksumCalculation.WHEN_SUPPORTED, counter);
  private final S3StorageDriver driver = S3TestServer.driver(client).build();

  @AfterEach
  void close() {
    driver.close();
    client.close();
  }

  @Test
  void siblingsThatSortAroundTheSlashAreNeitherDroppedNorDeleted() throws IOException {
    for (String p : List.of("/r/a/x", "/r/a/b/y", "/r/a-b/x", "/r/a.b/x", "/r/ab/x", "/r/a_/x", "/r/a0", "/r/a-")) {
      driver.putContent(p, p.getBytes(UTF_8));
    }
    try (StorageWriter w = driver.writer("/r/a-c", false)) {
      w.write(new byte[] {1, 2}); // closed, not committed: a file held in pieces
    }
    assertThat(driver.list("/r")).containsExactlyInAnyOrder(
        "/r/a", "/r/a-b", "/r/a.b", "/r/ab", "/r/a_", "/r/a0", "/r/a-", "/r/a-c");
    assertThat(driver.list("/r/a")).containsExactlyInAnyOrder("/r/a/x", "/r/a/b");
    assertThat(driver.stat("/r/a-c").size()).isEqualTo(2);
    assertThat(driver.stat("/r/a").isDirectory()).isTrue();

    List<String> walked = new ArrayList<>();
    driver.walk("/r", e -> {
      walked.add(e.path() + (e.isDirectory() ? "/" : ""));
      return WalkVisitor.Decision.CONTINUE;
    });
    assertThat(walked).containsExactlyInAnyOrder("/r/a/", "/r/a/x", "/r/a/b/", "/r/a/b/y", "/r/a-b/", "/r/a-b/x",
        "/r/a.b/", "/r/a.b/x", "/r/ab/", "/r/ab/x", "/r/a_/", "/r/a_/x", "/r/a0", "/r/a-", "/r/a-c");

    driver.delete("/r/a");
    assertThat(S3WriterIT.exists(driver, "/r/a")).isFalse();
    assertThat(driver.list("/r")).containsExactlyInAnyOrder(
        "/r/a-b", "/r/a.b", "/r/ab", "/r/a_", "/r/a0", "/r/a-", "/r/a-c");
    driver.delete("/r/a-");
    assertThat(driver.getContent("/r/a-c")).containsExactly(1, 2);
    assertThat(driver.getContent("/r/a-b/x")).isEqualTo("/r/a-b/x".getBytes(UTF_8));
  }

  @Test
  void catalogAndTagsOfFiveThousandListInOrder() throws Exception {
    List<String> repos = new ArrayList<>(List.of("r", "r/x", "r-b", "r.b", "rb", "r_b/c"));
    for (int i = 0, n = 5000 - repos.size(); i < n; i++) {
      repos.add(String.format("r-%04d", i));
    }
    List<String> tags = new ArrayList<>(List.of("t", "t-a", "t.a", "t_a", "ta"));
    for (int i = 0, n = 5000 - tags.size(); i < n; i++) {
      tags.add(String.format("t-%04d", i));
    }
    List<String> paths = new ArrayList<>();
    for (String r : repos) {
      paths.add("/docker/registry/v2/repositories/" + r + "/_manifests/tags/latest/current/link");
    }
    for (String t : tags) {
      paths.add("/docker/registry/v2/repositories/team/app/_manifests/tags/" + t + "/current/link");
    }
    putAll(paths);
    repos.add("team/app");
    Collections.sort(repos);
    Collections.sort(tags);

    // The driver's own view: 5,000 children over several pages, 15,000 entries in one walk.
    String tagsRoot = "/docker/registry/v2/repositories/team/app/_manifests/tags";
    counter.take();
    List<String> listed = driver.list(tagsRoot);
    // Pages end at a thousand keys on S3; s3proxy packs common prefixes denser, but still pages.
    assertThat(counter.take().get("ListObjectsV2")).isGreaterThan(1);
    assertThat(listed).hasSize(5000).contains(tagsRoot + "/t", tagsRoot + "/t-a", tagsRoot + "/t-4994");
    int[] walked = new int[1];
    driver.walk(tagsRoot, e -> {
      walked[0]++;
      return WalkVisitor.Decision.CONTINUE;
    });
    assertThat(walked[0]).isEqualTo(3 * 5000); // <tag>/, <tag>/current/, <tag>/current/link

    Registry registry = Registry.builder().storage(driver).build();
    assertThat(registry.catalog(-1, Optional.empty()).items()).isEqualTo(repos);
    Page<String> page = registry.catalog(3, Optional.of("r"));
    assertThat(page.items()).isEqualTo(repos.subList(repos.indexOf("r") + 1, repos.indexOf("r") + 4));
    assertThat(registry.repository("team/app").tags().list(-1, Optional.empty()).items()).isEqualTo(tags);
    assertThat(registry.repository("r").tags().list(-1, Optional.empty()).items()).containsExactly("latest");

    // Deleting repository "r" takes "r/x" (below it) but none of the names that merely start with "r".
    driver.delete("/docker/registry/v2/repositories/r");
    repos.removeAll(List.of("r", "r/x"));
    assertThat(registry.catalog(-1, Optional.empty()).items()).isEqualTo(repos);
  }

  /** Writes each path (its own name as content) on 16 threads. */
  private void putAll(List<String> paths) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String p : paths) {
        done.add(pool.submit(() -> {
          driver.putContent(p, LINK.getBytes(UTF_8));
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
