package registry.storage.fs.internal;

import java.io.File;
import java.nio.file.Path;

/**
 * Maps storage paths to files under the driver's root, and back: storage path {@code /x/y} is
 * the file {@code root/x/y}, and no path reaches outside the root.
 */
public final class RootDirectory {

  private static final String SEPARATOR = File.separator;

  private final Path root;

  /** Over {@code root}, which must be absolute and normalized. */
  public RootDirectory(Path root) {
    this.root = root;
  }

  /** The root directory. */
  public Path path() {
    return root;
  }

  /** The file of a path below the root ({@code "/"} refused). */
  public Path entry(String path) {
    Path file = resolve(path);
    if (file.equals(root)) {
      throw new IllegalArgumentException("storage path '" + path + "' names the root, not an entry");
    }
    return file;
  }

  /** The file of a storage path, which never lies outside the root. */
  public Path resolve(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("storage path '" + path + "' must start with '/'");
    }
    // Resolving "/etc" would replace the root, and ".." would climb out of it: checked below.
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("storage path '" + path + "' escapes the root");
    }
    return file;
  }

  /** The storage path of a file under the root (walks name thousands: text, not relativize). */
  public String storagePath(Path file) {
    String full = file.toString();
    String base = root.toString();
    if (full.length() == base.length()) {
      return "/";
    }
    String relative = full.substring(base.endsWith(SEPARATOR) ? base.length() : base.length() + 1);
    return "/" + (SEPARATOR.equals("/") ? relative : relative.replace(SEPARATOR, "/"));
  }
}
