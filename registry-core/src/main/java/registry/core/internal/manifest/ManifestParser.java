package registry.core.internal.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.DigestAlgorithm;
import registry.core.ErrorCode;
import registry.core.MediaTypes;
import registry.core.RegistryException;

/** Reads a manifest's JSON into validated parts, refusing anything a registry must not store. */
public final class ManifestParser {

  /** The validated parts of a manifest. */
  public record Parts(byte[] bytes, Digest digest, String mediaType, Descriptor config,
      List<Descriptor> layers, List<Descriptor> manifests, Descriptor subject, String artifactType,
      Map<String, String> annotations) {}

  // Strict JSON: duplicate keys would let two readers see two different manifests.
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private ManifestParser() {}

  /** Parses {@code bytes} (owned by the caller's new manifest from now on). */
  public static Parts parse(byte[] bytes, String contentType, DigestAlgorithm algorithm) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw invalid("manifest is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("manifest is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest must be a JSON object");
    }
    String declared = MediaTypes.essence(contentType);
    if (declared != null && (declared.isEmpty() || declared.equals("application/octet-stream")
        || declared.equals("application/json"))) {
      declared = null;
    }
    JsonNode schemaVersion = root.get("schemaVersion");
    String documentType = text(root, "mediaType");
    if (MediaTypes.DOCKER_MANIFEST_V1.equals(declared) || MediaTypes.DOCKER_MANIFEST_V1_SIGNED.equals(declared)
        || (schemaVersion != null && schemaVersion.isInt() && schemaVersion.intValue() == 1)) {
      throw invalid("Docker schema 1 manifests are not supported; push schema 2 or OCI");
    }
    if (schemaVersion == null || !schemaVersion.isInt() || schemaVersion.intValue() != 2) {
      throw invalid("manifest schemaVersion must be 2");
    }
    if (documentType != null && declared != null && !documentType.equals(declared)) {
      throw invalid("Content-Type " + declared + " does not match the manifest's mediaType " + documentType);
    }
    String mediaType = documentType != null ? documentType
        : declared != null ? declared
        : root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    if (!MediaTypes.MANIFESTS.contains(mediaType)) {
      throw invalid("unsupported manifest media type " + mediaType);
    }

    Descriptor config = null;
    List<Descriptor> layers = List.of();
    List<Descriptor> manifests = List.of();
    if (MediaTypes.isIndex(mediaType)) {
      if (root.has("config") || root.has("layers")) {
        throw invalid("an index has no config or layers");
      }
      manifests = descriptors(root, "manifests", true);
    } else {
      if (root.has("manifests")) {
        throw invalid("an image manifest has no manifests list");
      }
      JsonNode c = root.get("config");
      if (c == null) {
        throw invalid("image manifest has no config");
      }
      config = descriptor(c, "config");
      layers = descriptors(root, "layers", MediaTypes.DOCKER_MANIFEST.equals(mediaType));
    }
    Descriptor subject = root.has("subject") ? descriptor(root.get("subject"), "subject") : null;
    String artifactType = text(root, "artifactType");
    Map<String, String> annotations = annotations(root.get("annotations"), "annotations");
    Digest digest = Digest.of(algorithm, algorithm.newMessageDigest().digest(bytes));
    return new Parts(bytes, digest, mediaType, config, layers, manifests, subject, artifactType, annotations);
  }

  /** Parses stored bytes whose digest is known, falling back to a bare view when they are not valid today. */
  public static Parts parseLenient(byte[] bytes, Digest digest) {
    try {
      Parts p = parse(bytes, null, digest.algorithm());
      return p;
    } catch (RegistryException e) {
      return new Parts(bytes, digest, sniff(bytes), null, List.of(), List.of(), null, null, Map.of());
    }
  }

  /** The media type of a document that fails validation, as distribution would report it. */
  private static String sniff(byte[] bytes) {
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root != null && root.isObject()) {
        JsonNode mediaType = root.get("mediaType");
        if (mediaType != null && mediaType.isTextual()) {
          return mediaType.textValue();
        }
        JsonNode version = root.get("schemaVersion");
        if (version != null && version.isInt() && version.intValue() == 1) {
          return root.has("signatures") ? MediaTypes.DOCKER_MANIFEST_V1_SIGNED : MediaTypes.DOCKER_MANIFEST_V1;
        }
      }
    } catch (IOException e) {
      // not JSON at all
    }
    return "application/octet-stream";
  }

  private static List<Descriptor> descriptors(JsonNode root, String field, boolean required) {
    JsonNode array = root.get(field);
    if (array == null || array.isNull()) {
      if (required) {
        throw invalid("manifest has no " + field);
      }
      return List.of();
    }
    if (!array.isArray()) {
      throw invalid(field + " must be an array");
    }
    List<Descriptor> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(descriptor(array.get(i), field + "[" + i + "]"));
    }
    return list;
  }

  private static Descriptor descriptor(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw invalid(where + " must be a descriptor object");
    }
    String mediaType = text(node, "mediaType");
    if (mediaType == null) {
      throw invalid(where + ".mediaType is missing");
    }
    String digestText = text(node, "digest");
    Digest digest;
    try {
      digest = Digest.parse(digestText);
    } catch (IllegalArgumentException e) {
      throw invalid(where + ".digest: " + e.getMessage());
    }
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
      throw invalid(where + ".size must be a non-negative integer");
    }
    return new Descriptor(mediaType, digest, size.longValue(), text(node, "artifactType"),
        annotations(node.get("annotations"), where + ".annotations"), urls(node.get("urls"), where + ".urls"));
  }

  /** A descriptor's urls: absolute URLs (RFC 3986), as the image spec asks; trusted for nothing else. */
  private static List<String> urls(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(where + " must be an array of URLs");
    }
    List<String> urls = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode url = node.get(i);
      if (!url.isTextual() || !isAbsoluteUrl(url.textValue())) {
        throw invalid(where + "[" + i + "] must be an absolute URL");
      }
      urls.add(url.textValue());
    }
    return urls;
  }

  private static boolean isAbsoluteUrl(String s) {
    try {
      return new URI(s).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Map<String, String> annotations(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw invalid(where + " must be an object of strings");
    }
    Map<String, String> map = new LinkedHashMap<>();
    var fields = node.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!e.getValue().isTextual()) {
        throw invalid(where + "." + e.getKey() + " must be a string");
      }
      map.put(e.getKey(), e.getValue().textValue());
    }
    return map;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalid(field + " must be a string");
    }
    return v.textValue();
  }

  private static RegistryException invalid(String message) {
    return new RegistryException(ErrorCode.MANIFEST_INVALID, message);
  }
}
