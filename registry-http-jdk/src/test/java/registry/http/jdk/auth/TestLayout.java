package registry.http.jdk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import registry.core.Digest;
import registry.core.MediaTypes;

/**
 * An OCI image layout holding, under one tag, a multi-platform index of two images (linux/amd64,
 * linux/arm64) whose gzip layers and configs (diff_ids) are consistent, so skopeo copies it as
 * a real image.
 */
final class TestLayout {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestLayout() {}

  /** Writes the layout; returns the index's digest. */
  static Digest write(Path dir, String tag, Random random, int layerSize) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    List<String> entries = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      byte[] content = new byte[layerSize];
      random.nextBytes(content);
      byte[] gz = gzip(content);
      String layer = descriptor("application/vnd.oci.image.layer.v1.tar+gzip", blob(dir, gz), gz.length);
      byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":"
          + "{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(content) + "\"]}}").getBytes(StandardCharsets.UTF_8);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
          + descriptor(MediaTypes.OCI_CONFIG, blob(dir, config), config.length) + ",\"layers\":[" + layer + "]}")
          .getBytes(StandardCharsets.UTF_8);
      entries.add("{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + blob(dir, manifest)
          + "\",\"size\":" + manifest.length + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}");
    }
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
    Digest digest = blob(dir, index);
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":["
        + descriptor(MediaTypes.OCI_INDEX, digest, index.length).replace("}",
            ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}") + "]}");
    return digest;
  }

  /** The digest a layout's index.json names for {@code tag}. */
  static Digest digestOf(Path dir, String tag) throws IOException {
    for (JsonNode m : JSON.readTree(dir.resolve("index.json").toFile()).path("manifests")) {
      if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
        return Digest.parse(m.path("digest").asText());
      }
    }
    throw new AssertionError("no " + tag + " in " + dir.resolve("index.json"));
  }

  private static Digest blob(Path dir, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    Files.write(dir.resolve("blobs/sha256").resolve(d.hex()), bytes);
    return d;
  }

  private static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }
}
