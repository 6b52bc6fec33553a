package registry.http.jdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import registry.core.Digest;
import registry.core.MediaTypes;

/**
 * Writes an OCI image layout (oci-layout, index.json, blobs/sha256/...) holding one
 * multi-platform index under a tag: two images (linux/amd64, linux/arm64) of gzip layers, with
 * configs whose diff_ids are right, so any client that checks finds them consistent. Each layer
 * is a real tar of one file, so clients that unpack what they pull (containerd, podman) can.
 */
public final class TestLayouts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestLayouts() {}

  /** What was written: the index's digest and every manifest's. */
  public record Written(Digest index, List<Digest> manifests) {}

  /** Writes the layout with small layers (a file of 2,000 to 4,000 bytes each). */
  public static Written write(Path dir, String tag, Random random) throws IOException {
    return write(dir, tag, random, -1);
  }

  /** Writes the layout with layers holding a file of {@code fileSize} random bytes each. */
  public static Written write(Path dir, String tag, Random random, int fileSize) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    List<String> entries = new ArrayList<>();
    List<Digest> manifests = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      List<String> layers = new ArrayList<>();
      List<String> diffIds = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        byte[] file = new byte[fileSize >= 0 ? fileSize : 2000 + random.nextInt(2000)];
        random.nextBytes(file);
        byte[] content = Tar.of(Map.of(arch + "-" + i + ".bin", file));
        byte[] gz = gzip(content);
        layers.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", blob(dir, gz), gz.length));
        diffIds.add("\"" + Digest.sha256(content) + "\"");
      }
      byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},"
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}")
          .getBytes(StandardCharsets.UTF_8);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
          + descriptor(MediaTypes.OCI_CONFIG, blob(dir, config), config.length) + ",\"layers\":["
          + String.join(",", layers) + "]}").getBytes(StandardCharsets.UTF_8);
      Digest m = blob(dir, manifest);
      manifests.add(m);
      entries.add("{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + m + "\",\"size\":"
          + manifest.length + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}");
    }
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
    Digest i = blob(dir, index);
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
        + MediaTypes.OCI_INDEX + "\",\"digest\":\"" + i + "\",\"size\":" + index.length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
    return new Written(i, manifests);
  }

  /** The digest index.json names for {@code tag}. */
  public static Digest digestOf(Path dir, String tag) throws IOException {
    for (JsonNode m : JSON.readTree(dir.resolve("index.json").toFile()).path("manifests")) {
      if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
        return Digest.parse(m.path("digest").asText());
      }
    }
    throw new AssertionError("no " + tag + " in " + dir.resolve("index.json"));
  }

  /** The bytes of a blob of the layout. */
  public static byte[] blob(Path dir, Digest digest) throws IOException {
    return Files.readAllBytes(dir.resolve("blobs/sha256").resolve(digest.hex()));
  }

  private static Digest blob(Path dir, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    Files.write(dir.resolve("blobs/sha256").resolve(d.hex()), bytes);
    return d;
  }

  private static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
