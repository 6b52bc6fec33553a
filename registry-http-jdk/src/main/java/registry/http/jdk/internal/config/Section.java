package registry.http.jdk.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the YAML tree, read key by key. It remembers which keys were read, so that
 * {@link #finish()} can hand the rest to the {@link UnknownKeys} rule, and names the full dotted
 * key in every refusal.
 */
final class Section {

  private final String path;
  private final ObjectNode node;
  private final List<String> warnings;
  private final UnknownKeys unknown;
  private final Set<String> read = new HashSet<>();

  Section(String path, ObjectNode node, List<String> warnings, UnknownKeys unknown) {
    this.path = path;
    this.node = node;
    this.warnings = warnings;
    this.unknown = unknown;
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    JsonNode n = node.get(name);
    return n != null && !n.isNull();
  }

  /** The names of this mapping's keys, in file order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A nested mapping; empty when missing or written with no value ({@code inmemory:}). */
  Section section(String name) throws ConfigException {
    read.add(name);
    JsonNode n = node.get(name);
    if (n == null || n.isNull()) {
      return new Section(key(name), JsonNodeFactory.instance.objectNode(), warnings, unknown);
    }
    if (!n.isObject()) {
      throw new ConfigException(key(name), "must be a mapping of keys, got '" + n.asText() + "'");
    }
    return new Section(key(name), (ObjectNode) n, warnings, unknown);
  }

  Optional<String> string(String name) throws ConfigException {
    read.add(name);
    JsonNode n = node.get(name);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isValueNode()) {
      throw new ConfigException(key(name), "must be a single value, not a list or mapping");
    }
    return Optional.of(n.asText());
  }

  boolean bool(String name, boolean otherwise) throws ConfigException {
    read.add(name);
    JsonNode n = node.get(name);
    if (n == null || n.isNull()) {
      return otherwise;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    // Environment variables arrive as text.
    String t = n.asText().toLowerCase(Locale.ROOT);
    if (n.isTextual() && (t.equals("true") || t.equals("false"))) {
      return Boolean.parseBoolean(t);
    }
    throw new ConfigException(key(name), "must be true or false, got '" + n.asText() + "'");
  }

  Duration duration(String name, Duration otherwise) throws ConfigException {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return otherwise;
    }
    try {
      return Durations.parse(text.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key(name), e.getMessage());
    }
  }

  /** A setting of distribution's that this server does without: a warning, not a refusal. */
  void ignore(String name, String why) {
    read.add(name);
    if (node.has(name)) {
      warnings.add(key(name) + ": " + why + "; ignored");
    }
  }

  /** A setting whose absence would change what the operator relies on (security, routing). */
  void refuse(String name, String why) throws ConfigException {
    read.add(name);
    if (node.has(name)) {
      throw new ConfigException(key(name), why);
    }
  }

  /** Keys that are valid here though this reader does not read them (another reads the section). */
  void known(String... names) {
    read.addAll(List.of(names));
  }

  /** Every key of the mapping, as plain Java values; nothing is left to warn about. */
  Map<String, Object> plain() {
    node.fieldNames().forEachRemaining(read::add);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) plain(node);
    return map;
  }

  /** Refuses, or warns about, each key that nothing read, ignored or refused. */
  void finish() throws ConfigException {
    unknown.check(path, names(), read);
  }

  private static Object plain(JsonNode n) {
    if (n.isNull()) {
      return null;
    }
    if (n.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), plain(e.getValue()));
        }
      }
      return Collections.unmodifiableMap(map);
    }
    if (n.isArray()) {
      List<Object> list = new ArrayList<>();
      n.forEach(e -> list.add(plain(e)));
      return Collections.unmodifiableList(list);
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToInt() ? (Object) n.intValue() : n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    return n.asText();
  }
}
