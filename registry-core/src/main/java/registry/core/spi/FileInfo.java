package registry.core.spi;

import java.time.Instant;

/**
 * What {@link StorageDriver#stat} knows of a path.
 *
 * @param path the path described
 * @param size the size in bytes (0 for a directory)
 * @param modified when the file was last changed (for a directory, whatever the store reports)
 * @param isDirectory whether the path is a directory
 */
public record FileInfo(String path, long size, Instant modified, boolean isDirectory) {

  /** Validates. */
  public FileInfo {
    if (path == null || modified == null) {
      throw new IllegalArgumentException("path and modified are required");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size is negative");
    }
  }
}
