package registry.core;

import java.util.regex.Pattern;

/**
 * A repository name such as {@code team/app}: lowercase path components separated by {@code /},
 * each {@code [a-z0-9]+} joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, at most
 * 255 characters in all.
 *
 * @param value the name as it appears in URLs
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">OCI distribution spec, names</a>
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

  /** The longest name accepted, as distribution allows. */
  public static final int MAX_LENGTH = 255;

  private static final Pattern GRAMMAR =
      Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

  /** Validates the name. */
  public RepositoryName {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("repository name is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "repository name is " + value.length() + " characters long, more than " + MAX_LENGTH);
    }
    if (!GRAMMAR.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid repository name '" + Digest.abbreviate(value)
          + "': lowercase components [a-z0-9] joined by '.', '_', '__' or '-', separated by '/'");
    }
  }

  /** The name, validated. */
  public static RepositoryName of(String value) {
    return new RepositoryName(value);
  }

  /** Whether the string is a valid repository name. */
  public static boolean isValid(String value) {
    return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH
        && GRAMMAR.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public int compareTo(RepositoryName o) {
    return value.compareTo(o.value);
  }
}
