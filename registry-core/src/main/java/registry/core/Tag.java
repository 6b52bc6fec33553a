package registry.core;

import java.util.regex.Pattern;

/**
 * A tag such as {@code latest}: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}.
 *
 * @param value the tag
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">OCI distribution spec, tags</a>
 */
public record Tag(String value) implements Comparable<Tag> {

  private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  /** Validates the tag. */
  public Tag {
    if (value == null || !GRAMMAR.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid tag '" + (value == null ? "" : Digest.abbreviate(value))
          + "': expected [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    }
  }

  /** The tag, validated. */
  public static Tag of(String value) {
    return new Tag(value);
  }

  /** Whether the string is a valid tag. */
  public static boolean isValid(String value) {
    return value != null && GRAMMAR.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public int compareTo(Tag o) {
    return value.compareTo(o.value);
  }
}
