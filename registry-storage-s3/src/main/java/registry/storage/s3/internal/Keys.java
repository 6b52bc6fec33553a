package registry.storage.s3.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps storage paths to object keys and back, the way distribution's s3 driver does:
 * {@code /docker/registry/v2/x} becomes {@code <rootdirectory>/docker/registry/v2/x}, without a
 * leading slash, so a bucket written by {@code registry:2} serves as it is.
 *
 * <p>A file that a writer closed without an object of its own (see {@link S3Writer}) keeps its
 * pieces under the sidecar prefix {@code <key>~parts/}, a sibling of the key rather than a child:
 * S3-compatible servers backed by a filesystem (s3proxy's, MinIO's) refuse an object {@code a}
 * next to an object {@code a/b}, and the file's object appears at its key on commit while the
 * pieces are still there. {@code ~} cannot occur in a valid path, so a sidecar never collides
 * with a real path, and a directory delete by prefix takes the sidecars below it along.
 */
public final class Keys {

  /** Ends the name of a sidecar "directory"; not a character any valid path contains. */
  static final String SIDECAR_SUFFIX = "~parts";

  private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9._-]+");

  private final String root;

  /**
   * Keys under {@code rootDirectory} ({@code ""} or {@code "/"} for the bucket's top level;
   * leading and trailing slashes are ignored, as distribution ignores them).
   */
  public Keys(String rootDirectory) {
    String r = rootDirectory == null ? "" : rootDirectory.trim();
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    if (r.contains("//")) {
      throw new IllegalArgumentException("rootdirectory has an empty component: " + rootDirectory);
    }
    this.root = r.isEmpty() ? "" : r + "/";
  }

  /** The key prefix of the root, {@code ""} or ending in {@code /}. */
  String rootPrefix() {
    return root;
  }

  /** The object key of a file path such as {@code /a/b}. */
  String file(String path) {
    return root + path.substring(1);
  }

  /** The prefix every key below the directory {@code path} starts with (ends in {@code /}). */
  String directory(String path) {
    return path.equals("/") ? root : file(path) + "/";
  }

  /** The prefix of a file's sidecar objects. */
  static String sidecar(String fileKey) {
    return fileKey + SIDECAR_SUFFIX + "/";
  }

  /** The path of the child {@code name} of the directory {@code directoryPath}. */
  static String child(String directoryPath, String name) {
    return directoryPath.equals("/") ? "/" + name : directoryPath + "/" + name;
  }

  /** Whether {@code name} is a valid path component. */
  static boolean isComponent(String name) {
    return COMPONENT.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  /**
   * The file a sidecar directory's name stands for: {@code data~parts} gives {@code data}.
   * Empty for any other name.
   */
  static Optional<String> fileOfSidecar(String name) {
    if (name.endsWith(SIDECAR_SUFFIX)) {
      String file = name.substring(0, name.length() - SIDECAR_SUFFIX.length());
      if (isComponent(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }
}
