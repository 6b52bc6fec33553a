package registry.http.jdk.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import registry.core.RegistryEvent;

/**
 * Reads distribution's {@code notifications.endpoints} list (name, disabled, url, headers,
 * timeout, threshold, backoff, ignoredmediatypes, ignore.mediatypes, ignore.actions) from the
 * plain map of the section, refusing what would silently send nothing.
 */
final class NotificationsReader {

  private static final Set<String> ENDPOINT = Set.of("name", "disabled", "url", "headers", "timeout",
      "threshold", "backoff", "ignoredmediatypes", "ignore");

  private NotificationsReader() {}

  static List<Config.Notification> read(Map<String, Object> section, UnknownKeys unknown)
      throws ConfigException {
    List<Config.Notification> result = new ArrayList<>();
    unknown.check("notifications", section.keySet(), Set.of("endpoints", "events"));
    if (section.get("events") instanceof Map<?, ?> events) {
      unknown.check("notifications.events", keys(events), Set.of("includereferences"));
    }
    Object endpoints = section.get("endpoints");
    if (endpoints == null) {
      return result;
    }
    if (!(endpoints instanceof List<?> list)) {
      throw new ConfigException("notifications.endpoints", "must be a list of endpoints");
    }
    for (int i = 0; i < list.size(); i++) {
      String where = "notifications.endpoints[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> raw)) {
        throw new ConfigException(where, "must be a mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) raw;
      unknown.check(where, e.keySet(), ENDPOINT);
      if (e.get("ignore") instanceof Map<?, ?> ignore) {
        unknown.check(where + ".ignore", keys(ignore), Set.of("mediatypes", "actions"));
      }
      if (Boolean.TRUE.equals(e.get("disabled")) || "true".equals(String.valueOf(e.get("disabled")))) {
        continue;
      }
      String name = text(e, "name", where).orElse("endpoint" + i);
      String url = text(e, "url", where).orElseThrow(() -> new ConfigException(where + ".url", "is required"));
      URI uri;
      try {
        uri = new URI(url);
      } catch (java.net.URISyntaxException ex) {
        throw new ConfigException(where + ".url", "is not a URL: " + url);
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(where + ".url", "must be http or https: " + url);
      }
      Set<String> ignoredTypes = new LinkedHashSet<>(strings(e.get("ignoredmediatypes"), where + ".ignoredmediatypes"));
      Set<RegistryEvent.Action> ignoredActions = new LinkedHashSet<>();
      if (e.get("ignore") instanceof Map<?, ?> ignore) {
        ignoredTypes.addAll(strings(ignore.get("mediatypes"), where + ".ignore.mediatypes"));
        for (String action : strings(ignore.get("actions"), where + ".ignore.actions")) {
          try {
            ignoredActions.add(RegistryEvent.Action.valueOf(action.toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException ex) {
            throw new ConfigException(where + ".ignore.actions", "unknown action '" + action + "' (push, pull, mount, delete)");
          }
        }
      }
      result.add(new Config.Notification(name, uri, headers(e.get("headers"), where + ".headers"),
          duration(e, "timeout", Duration.ofSeconds(1), where), threshold(e, where),
          duration(e, "backoff", Duration.ofSeconds(1), where), ignoredTypes, ignoredActions));
    }
    return result;
  }

  private static List<String> keys(Map<?, ?> map) {
    List<String> keys = new ArrayList<>();
    map.keySet().forEach(k -> keys.add(String.valueOf(k)));
    return keys;
  }

  /** Distribution writes headers as {@code Name: [value, ...]}; a plain value is accepted too. */
  private static Map<String, String> headers(Object raw, String where) throws ConfigException {
    Map<String, String> headers = new LinkedHashMap<>();
    if (raw == null) {
      return headers;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      throw new ConfigException(where, "must be a mapping of header names to values");
    }
    for (Map.Entry<?, ?> h : map.entrySet()) {
      List<String> values = h.getValue() instanceof List<?> ? strings(h.getValue(), where) : List.of(String.valueOf(h.getValue()));
      headers.put(String.valueOf(h.getKey()), String.join(",", values));
    }
    return headers;
  }

  private static List<String> strings(Object raw, String where) throws ConfigException {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw new ConfigException(where, "must be a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private static java.util.Optional<String> text(Map<String, Object> e, String key, String where) {
    Object v = e.get(key);
    return v == null ? java.util.Optional.empty() : java.util.Optional.of(String.valueOf(v));
  }

  private static Duration duration(Map<String, Object> e, String key, Duration otherwise, String where)
      throws ConfigException {
    Object v = e.get(key);
    if (v == null) {
      return otherwise;
    }
    try {
      return Durations.parse(String.valueOf(v));
    } catch (IllegalArgumentException ex) {
      throw new ConfigException(where + "." + key, ex.getMessage());
    }
  }

  private static int threshold(Map<String, Object> e, String where) throws ConfigException {
    Object v = e.get("threshold");
    if (v == null) {
      return 10;
    }
    try {
      int t = Integer.parseInt(String.valueOf(v));
      if (t < 1) {
        throw new NumberFormatException();
      }
      return t;
    } catch (NumberFormatException ex) {
      throw new ConfigException(where + ".threshold", "must be a positive whole number, got '" + v + "'");
    }
  }
}
