package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.storage.InMemoryStorageDriver;

/**
 * skopeo, a real CLI client: copies an OCI layout holding a multi-platform index into the
 * registry and back out with identical digests; inspect and list-tags work.
 */
class SkopeoIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void copiesAMultiPlatformIndexInAndOutWithIdenticalDigests() throws Exception {
    Skopeo skopeo = new Skopeo(tmp.resolve("skopeo"));
    Path in = tmp.resolve("in");
    TestLayouts.Written written = TestLayouts.write(in, "1.0", new Random(3));
    try (RegistryServer server = RegistryServer.builder().storage(new InMemoryStorageDriver()).build().start()) {
      String image = "docker://" + server.hostAndPort() + "/team/multi";

      skopeo.run("copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
          "oci:" + in + ":1.0", image + ":1.0").ok();
      var manifests = server.registry().repository("team/multi").manifests();
      assertThat(manifests.get(Reference.parse("1.0")).orElseThrow().digest()).isEqualTo(written.index());
      for (Digest m : written.manifests()) {
        assertThat(manifests.get(Reference.of(m))).isPresent();
      }

      Path out = tmp.resolve("out");
      skopeo.run("copy", "--all", "--preserve-digests", "--src-tls-verify=false", image + ":1.0", "oci:" + out + ":copy").ok();
      assertThat(TestLayouts.digestOf(out, "copy")).isEqualTo(written.index());
      try (var blobs = Files.list(in.resolve("blobs/sha256"))) {
        for (Path blob : (Iterable<Path>) blobs::iterator) {
          Digest d = Digest.parse("sha256:" + blob.getFileName());
          assertThat(TestLayouts.blob(out, d)).as(d.toString()).isEqualTo(Files.readAllBytes(blob));
        }
      }

      String raw = skopeo.run("inspect", "--raw", "--tls-verify=false", image + ":1.0").ok().output();
      assertThat(Digest.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(written.index());
      JsonNode arm = JSON.readTree(skopeo.run("--override-arch", "arm64", "--override-os", "linux",
          "inspect", "--tls-verify=false", image + ":1.0").ok().output());
      assertThat(arm.path("Architecture").asText()).isEqualTo("arm64");
      assertThat(layers(arm)).hasSize(2).isEqualTo(layersOf(in, written.manifests().get(1)));

      skopeo.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", image + ":1.0", image + ":latest").ok();
      JsonNode tags = JSON.readTree(skopeo.run("list-tags", "--tls-verify=false", image).ok().output());
      assertThat(tags.path("Repository").asText()).isEqualTo(server.hostAndPort() + "/team/multi");
      assertThat(tags.path("Tags").toString()).isEqualTo("[\"1.0\",\"latest\"]");
    }
  }

  private static List<String> layers(JsonNode inspect) {
    List<String> layers = new ArrayList<>();
    inspect.path("Layers").forEach(l -> layers.add(l.asText()));
    return layers;
  }

  private static List<String> layersOf(Path layout, Digest manifest) throws Exception {
    List<String> layers = new ArrayList<>();
    JSON.readTree(TestLayouts.blob(layout, manifest)).path("layers").forEach(l -> layers.add(l.path("digest").asText()));
    return layers;
  }
}
