package registry.storage.s3.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code storage.s3} section of a {@code config.yml}, with values as YAML gives them (strings,
 * numbers, booleans) or as environment overrides give them (strings). Names are matched without
 * regard to case, as distribution matches them.
 */
final class Parameters {

  private final Map<String, Object> values;

  Parameters(Map<String, Object> values) {
    this.values = new java.util.HashMap<>();
    values.forEach((k, v) -> {
      if (k != null && v != null) {
        this.values.put(k.toLowerCase(Locale.ROOT), v);
      }
    });
  }

  /** A string value; blank counts as absent. */
  Optional<String> string(String name) {
    Object v = values.get(name);
    if (v == null || v.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(v.toString().trim());
  }

  /** A required string value. */
  String required(String name) {
    return string(name).orElseThrow(() -> new IllegalArgumentException("s3: parameter '" + name + "' is required"));
  }

  /** A boolean: {@code true}/{@code false} in any case, or a YAML boolean. */
  boolean bool(String name, boolean otherwise) {
    Optional<String> v = string(name);
    if (v.isEmpty()) {
      return otherwise;
    }
    switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("s3: parameter '" + name + "' must be true or false, not '" + v.get() + "'");
    }
  }

  /** A whole number of bytes, as a YAML number or a string of digits. */
  long number(String name, long otherwise) {
    Object v = values.get(name);
    if (v instanceof Number && !(v instanceof Double || v instanceof Float)) {
      return ((Number) v).longValue();
    }
    Optional<String> s = string(name);
    if (s.isEmpty()) {
      return otherwise;
    }
    try {
      return Long.parseLong(s.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("s3: parameter '" + name + "' must be a whole number, not '" + s.get() + "'");
    }
  }

  /** One of an enum's constants, named in any case. */
  <E extends Enum<E>> Optional<E> choice(String name, Class<E> type) {
    Optional<String> v = string(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, v.get().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("s3: parameter '" + name + "' must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()) + ", not '" + v.get() + "'");
    }
  }
}
