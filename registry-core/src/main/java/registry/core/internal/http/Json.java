package registry.core.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import registry.core.Descriptor;

/**
 * Serializes response documents. They are built from maps and lists (kept in insertion order),
 * so Jackson needs no reflective access to our classes.
 */
final class Json {

  /** The media type of the JSON bodies the registry writes itself. */
  static final String MEDIA_TYPE = "application/json; charset=utf-8";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The UTF-8 JSON of a document made of maps, lists, strings and numbers. */
  static byte[] bytes(Object document) {
    try {
      return MAPPER.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + document.getClass(), e);
    }
  }

  /** A descriptor as the image spec writes it: absent fields left out. */
  static Map<String, Object> descriptor(Descriptor d) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (d.mediaType() != null) {
      m.put("mediaType", d.mediaType());
    }
    m.put("digest", d.digest().toString());
    m.put("size", d.size());
    if (d.artifactType() != null) {
      m.put("artifactType", d.artifactType());
    }
    if (!d.annotations().isEmpty()) {
      m.put("annotations", d.annotations());
    }
    return m;
  }
}
