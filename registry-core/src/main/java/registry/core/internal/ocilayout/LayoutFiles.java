package registry.core.internal.ocilayout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.MediaTypes;
import registry.core.RegistryException;

/**
 * The fixed names and small JSON files of an OCI image layout: {@code oci-layout},
 * {@code index.json} and {@code blobs/<alg>/<hex>}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">OCI image layout</a>
 */
final class LayoutFiles {

  static final String OCI_LAYOUT = "oci-layout";
  static final String INDEX = "index.json";
  /** The annotation that names an image of a layout, as a tag does in a registry. */
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** The layout version written; any 1.x is read. */
  static final String VERSION = "1.0.0";

  private static final ObjectMapper JSON = new ObjectMapper();

  private LayoutFiles() {}

  /** {@code blobs/sha256/<hex>}. */
  static String blob(Digest digest) {
    return "blobs/" + digest.algorithm().prefix() + "/" + digest.hex();
  }

  /** The {@code oci-layout} file we write. */
  static byte[] layoutFile() {
    return ("{\"imageLayoutVersion\":\"" + VERSION + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Refuses an {@code oci-layout} file of a version this code does not know. */
  static void checkLayoutFile(byte[] bytes, Object source) {
    String version;
    try {
      JsonNode node = JSON.readTree(bytes);
      JsonNode v = node == null ? null : node.get("imageLayoutVersion");
      version = v != null && v.isTextual() ? v.textValue() : null;
    } catch (IOException e) {
      version = null;
    }
    if (version == null) {
      throw new RegistryException(ErrorCode.MANIFEST_INVALID,
          source + ": oci-layout is not {\"imageLayoutVersion\": \"1.x\"}");
    }
    if (!version.startsWith("1.")) {
      throw new RegistryException(ErrorCode.MANIFEST_INVALID,
          source + ": unsupported OCI layout version " + version + " (1.x is supported)");
    }
  }

  /** The {@code index.json} entry for a manifest, named by {@code tag} when there is one. */
  static ObjectNode entry(Descriptor manifest, String tag) {
    ObjectNode e = JSON.createObjectNode();
    e.put("mediaType", manifest.mediaType());
    e.put("digest", manifest.digest().toString());
    e.put("size", manifest.size());
    if (tag != null) {
      e.putObject("annotations").put(REF_NAME, tag);
    }
    return e;
  }

  /** A new {@code index.json} listing one manifest. */
  static byte[] index(ObjectNode entry) throws IOException {
    return merge(null, entry, null);
  }

  /**
   * An {@code index.json} that keeps what {@code existing} lists (and its other fields) except
   * an entry of the same name (or, for an unnamed entry, of the same digest), and adds
   * {@code entry}: exporting twice to one directory updates the tag, as skopeo does.
   */
  static byte[] merge(byte[] existing, ObjectNode entry, String tag) throws IOException {
    ObjectNode index;
    if (existing == null) {
      index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", MediaTypes.OCI_INDEX);
    } else {
      JsonNode parsed = JSON.readTree(existing);
      if (parsed == null || !parsed.isObject()) {
        throw new IOException("the existing index.json is not a JSON object");
      }
      index = (ObjectNode) parsed;
    }
    ArrayNode manifests = JSON.createArrayNode();
    JsonNode old = index.get("manifests");
    if (old != null && old.isArray()) {
      for (JsonNode m : old) {
        if (!sameSlot(m, entry, tag)) {
          manifests.add(m);
        }
      }
    }
    manifests.add(entry);
    index.set("manifests", manifests);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index);
  }

  private static boolean sameSlot(JsonNode existing, ObjectNode entry, String tag) {
    JsonNode annotations = existing.get("annotations");
    JsonNode name = annotations == null ? null : annotations.get(REF_NAME);
    if (tag != null) {
      return name != null && tag.equals(name.asText());
    }
    return name == null && entry.get("digest").asText().equals(existing.path("digest").asText());
  }

  /** The name an {@code index.json} entry carries, or null. */
  static String refName(Descriptor d) {
    Map<String, String> a = d.annotations();
    return a.get(REF_NAME);
  }
}
