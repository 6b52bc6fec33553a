package registry.core.internal.storage;

/**
 * The grammar of storage driver paths: distribution's {@code ^(/[A-Za-z0-9._-]+)+$}, without
 * {@code .} and {@code ..} components, plus {@code "/"} for the root where the SPI allows it.
 *
 * <p>Checked by hand rather than by regular expression so that the message can say what is
 * wrong, and because every storage call passes through here.
 */
public final class StoragePath {

  /** The root directory, valid only for {@code list}, {@code stat} and {@code walk}. */
  public static final String ROOT = "/";

  private StoragePath() {}

  /**
   * Returns {@code path} when it names a file or directory below the root.
   *
   * @throws IllegalArgumentException when it does not match the grammar (the root is refused)
   */
  public static String requireValid(String path) {
    String problem = problem(path);
    if (problem != null) {
      throw new IllegalArgumentException(
          "invalid storage path " + quote(path) + ": " + problem);
    }
    return path;
  }

  /**
   * Returns {@code path} when it is the root or {@linkplain #requireValid valid}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValidOrRoot(String path) {
    return ROOT.equals(path) ? path : requireValid(path);
  }

  /** Whether {@code path} names a file or directory below the root. */
  public static boolean isValid(String path) {
    return problem(path) == null;
  }

  /** What is wrong with {@code path}, or null when it is valid (the root is not). */
  private static String problem(String path) {
    if (path == null) {
      return "it is null";
    }
    if (path.isEmpty()) {
      return "it is empty";
    }
    if (path.charAt(0) != '/') {
      return "it must start with '/'";
    }
    if (path.length() == 1) {
      return "the root '/' is not allowed here";
    }
    int componentStart = 1;
    for (int i = 1; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c == '/') {
        String component = path.substring(componentStart, i);
        if (component.isEmpty()) {
          return i == path.length() ? "it must not end with '/'" : "it has an empty component ('//')";
        }
        if (component.equals(".") || component.equals("..")) {
          return "'.' and '..' components are not allowed";
        }
        componentStart = i + 1;
      } else if (!allowed(c)) {
        return "character " + quote(String.valueOf(c)) + " at index " + i
            + " is not allowed (only A-Z, a-z, 0-9, '.', '_', '-' and '/')";
      }
    }
    return null;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
  }

  /** Quotes for messages, escaping control characters so a bad path cannot forge log lines. */
  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  /** The parent of a valid path: {@code "/"} for a top-level entry. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? ROOT : path.substring(0, slash);
  }

  /** The last component of a valid path. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The path of {@code name} inside directory {@code dir} (which may be the root). */
  public static String child(String dir, String name) {
    return ROOT.equals(dir) ? ROOT + name : dir + "/" + name;
  }

  /** The components of a valid path or of the root (none). */
  public static String[] components(String path) {
    return ROOT.equals(path) ? new String[0] : path.substring(1).split("/", -1);
  }
}
