package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Registry;
import registry.testkit.TestImages.Blob;
import registry.http.jdk.RegistryServer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * A real full disk: an 8 MiB tmpfs (mounting needs root, which CI has; elsewhere the test is
 * skipped, unless {@code registry.requirePeers=true} says CI promised it). A blob larger than
 * the space left fails with a clean 5xx JSON error, no partial blob is ever visible, the space
 * its partial data took is freed, and once space is freed the same push succeeds.
 */
class FullDiskTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void aFullDiskFailsThePushCleanlyAndRecovers() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("small"));
    Mounts.tmpfs(disk, "8m");
    try {
      Path filler = disk.resolve("filler");
      Files.write(filler, new byte[5 << 20]); // leaves about 3 MiB
      Blob blob = Blob.random(new Random(5), 4 << 20);
      try (Registry registry = Registry.builder().storage(FilesystemStorageDriver.create(disk.resolve("root")))
          .deleteEnabled(true).build();
          RegistryServer server = RegistryServer.builder().registry(registry).build().start()) {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> failed = push(http, server.uri(), blob);
        assertThat(failed.statusCode()).as("answer to a push that fills the disk: %s", failed.body()).isBetween(500, 599);
        JsonNode error = JSON.readTree(failed.body()).get("errors").get(0);
        assertThat(error.get("code").asText()).isNotEmpty();
        assertThat(failed.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(get(http, server.uri(), blob.digest())).as("GET of the blob that did not fit").isEqualTo(404);
        Consistency.check(registry);

        // The failed push sent its blob in one request, so nobody can resume it: the space its
        // partial data took is free again, and a push that fits in it succeeds.
        Blob small = Blob.random(new Random(6), 1 << 20);
        HttpResponse<String> fits = push(http, server.uri(), small);
        assertThat(fits.statusCode()).as("a 1 MiB push after the failed one: %s", fits.body()).isEqualTo(201);

        Files.delete(filler);
        HttpResponse<String> retried = push(http, server.uri(), blob);
        assertThat(retried.statusCode()).as("the same push with space freed: %s", retried.body()).isEqualTo(201);
        assertThat(get(http, server.uri(), blob.digest())).isEqualTo(200);
        Consistency.check(registry);
        System.out.printf("reliability: full disk: a 4 MiB push into 3 MiB of free space answered %d %s;"
            + " nothing visible; its partial data freed (a 1 MiB push then fitted); after freeing space the same"
            + " push answered 201%n",
            failed.statusCode(), error.get("code").asText());
      }
    } finally {
      Mounts.unmount(disk);
    }
  }

  private static HttpResponse<String> push(HttpClient http, URI base, Blob blob) throws Exception {
    HttpResponse<String> start = http.send(HttpRequest.newBuilder(base.resolve("/v2/disk/full/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).isEqualTo(202);
    URI location = base.resolve(start.headers().firstValue("Location").orElseThrow());
    return http.send(HttpRequest.newBuilder(URI.create(location + (location.getQuery() == null ? "?" : "&")
        + "digest=" + blob.digest())).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int get(HttpClient http, URI base, Digest digest) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve("/v2/disk/full/blobs/" + digest)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
