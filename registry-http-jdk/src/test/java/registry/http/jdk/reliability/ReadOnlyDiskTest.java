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
import registry.core.Registry;
import registry.testkit.TestImages;
import registry.testkit.peers.V2Client;
import registry.http.jdk.RegistryServer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * A data directory on a file system remounted read-only under a running registry (a disk the
 * kernel turned read-only after errors, a volume mounted {@code ro} by mistake). Pulls go on;
 * every write is refused with {@code 503 UNAVAILABLE} saying that the storage refuses writes,
 * which tells clients to retry later, not with a {@code 500} that reads as a registry bug.
 */
class ReadOnlyDiskTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void writesToAReadOnlyDiskAre503AndReadsGoOn() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("disk"));
    Mounts.tmpfs(disk, "8m");
    try (Registry registry = Registry.builder().storage(FilesystemStorageDriver.create(disk.resolve("root")))
        .build();
        RegistryServer server = RegistryServer.builder().registry(registry).build().start()) {
      V2Client client = new V2Client(server.uri());
      TestImages.Image image = TestImages.ociImage(new Random(3), 1, 1000);
      client.pushImage("ro/app", "1", image);
      Mounts.remountReadOnly(disk);

      assertThat(client.getManifest("ro/app", "1").statusCode()).isEqualTo(200);
      assertThat(client.getBlob("ro/app", image.layers().get(0).digest())).isEqualTo(image.layers().get(0).bytes());

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> upload = http.send(HttpRequest.newBuilder(server.uri().resolve("/v2/ro/app/blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertRefusedWrite(upload);
      HttpResponse<String> tag = http.send(HttpRequest.newBuilder(server.uri().resolve("/v2/ro/app/manifests/2"))
          .header("Content-Type", image.mediaType())
          .PUT(HttpRequest.BodyPublishers.ofByteArray(image.manifest())).build(), HttpResponse.BodyHandlers.ofString());
      assertRefusedWrite(tag);
      assertThat(client.tags("ro/app")).containsExactly("1");
    } finally {
      Mounts.unmount(disk);
    }
  }

  private static void assertRefusedWrite(HttpResponse<String> r) throws Exception {
    URI uri = r.request().uri();
    assertThat(r.statusCode()).as("%s %s: %s", r.request().method(), uri, r.body()).isEqualTo(503);
    JsonNode error = JSON.readTree(r.body()).get("errors").get(0);
    assertThat(error.get("code").asText()).isEqualTo("UNAVAILABLE");
    assertThat(error.get("message").asText()).contains("the storage refuses writes (read-only file system)");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
