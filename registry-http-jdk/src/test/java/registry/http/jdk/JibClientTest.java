package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.core.Digest;
import registry.core.spi.StorageDrivers;
import registry.testkit.peers.V2Client;

/**
 * Jib, a real Java client: builds a two-layer image from scratch, pushes it (one PATCH per blob
 * without Content-Range, {@code &digest=} appended to the Location, concurrent uploads), pulls it
 * back by tag and digest, and copies it to another repository (Jib mounts the blobs across).
 */
class JibClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private Containerizer to(String reference) throws Exception {
    return Containerizer.to(RegistryImage.named(reference))
        .setAllowInsecureRegistries(true)
        .setBaseImageLayersCache(tmp.resolve("jib-base-cache"))
        .setApplicationLayersCache(tmp.resolve("jib-app-cache"))
        .setToolName("registry-tests");
  }

  private Path file(String name, int size, Random random) throws Exception {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return Files.write(tmp.resolve(name), b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"inmemory", "filesystem"})
  void buildsPushesPullsAndCopiesAnImage(String driver) throws Exception {
    Random random = new Random(11);
    try (RegistryServer server = RegistryServer.builder()
        .storage(StorageDrivers.create(driver, Map.of("rootdirectory", tmp.resolve("data").toString())))
        .build().start()) {
      String host = server.hostAndPort();
      JibContainer built = Jib.fromScratch()
          .addFileEntriesLayer(FileEntriesLayer.builder()
              .addEntry(file("a.bin", 300_000, random), AbsoluteUnixPath.get("/app/a.bin")).build())
          .addFileEntriesLayer(FileEntriesLayer.builder()
              .addEntry(file("b.bin", 40_000, random), AbsoluteUnixPath.get("/app/b.bin")).build())
          .setEntrypoint("/app/a.bin")
          .containerize(to(host + "/team/jib:1"));
      Digest digest = Digest.parse(built.getDigest().toString());

      V2Client v2 = new V2Client(server.uri());
      HttpResponse<byte[]> byTag = v2.getManifest("team/jib", "1");
      assertThat(byTag.statusCode()).isEqualTo(200);
      assertThat(Digest.sha256(byTag.body())).isEqualTo(digest);
      assertThat(byTag.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());
      HttpResponse<byte[]> byDigest = v2.getManifest("team/jib", digest.toString());
      assertThat(byDigest.body()).isEqualTo(byTag.body());
      List<Digest> blobs = blobsOf(byTag.body());
      assertThat(blobs).hasSize(3);  // config and two layers
      for (Digest blob : blobs) {
        assertThat(Digest.sha256(v2.getBlob("team/jib", blob))).isEqualTo(blob);
      }

      JibContainer copied = Jib.from(RegistryImage.named(host + "/team/jib@" + digest))
          .containerize(to(host + "/other/copy:1"));
      HttpResponse<byte[]> copy = v2.getManifest("other/copy", "1");
      assertThat(Digest.sha256(copy.body())).isEqualTo(Digest.parse(copied.getDigest().toString()));
      List<Digest> copiedBlobs = blobsOf(copy.body());
      assertThat(copiedBlobs.subList(1, 3)).isEqualTo(blobs.subList(1, 3));
      for (Digest blob : copiedBlobs) {
        assertThat(server.registry().repository("other/copy").blobs().stat(blob)).isPresent();
        assertThat(Digest.sha256(v2.getBlob("other/copy", blob))).isEqualTo(blob);
      }
      assertThat(v2.catalog()).containsExactly("other/copy", "team/jib");
    }
  }

  /** The config's digest, then the layers'. */
  private static List<Digest> blobsOf(byte[] manifest) throws Exception {
    JsonNode m = JSON.readTree(manifest);
    List<Digest> digests = new ArrayList<>(List.of(Digest.parse(m.path("config").path("digest").asText())));
    for (JsonNode layer : m.path("layers")) {
      digests.add(Digest.parse(layer.path("digest").asText()));
    }
    return digests;
  }
}
