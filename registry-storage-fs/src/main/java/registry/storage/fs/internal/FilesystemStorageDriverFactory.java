package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageDriverFactory;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * Makes {@link FilesystemStorageDriver}s for the {@code filesystem} storage name. Its one
 * parameter is distribution's {@code rootdirectory}, default {@value #DEFAULT_ROOT}; distribution's
 * {@code maxthreads} is accepted and ignored (a thread per blocking call is Go's concern, not ours).
 */
public final class FilesystemStorageDriverFactory implements StorageDriverFactory {

  private static final System.Logger LOG = System.getLogger(FilesystemStorageDriverFactory.class.getName());

  /** The root directory when none is configured, as in distribution. */
  public static final String DEFAULT_ROOT = "/var/lib/registry";

  /** For {@link java.util.ServiceLoader}. */
  public FilesystemStorageDriverFactory() {}

  /** Returns {@code filesystem}. */
  @Override
  public String name() {
    return FilesystemStorageDriver.NAME;
  }

  /** {@code rootdirectory}, and distribution's {@code maxthreads}, which is accepted and ignored. */
  @Override
  public Optional<Set<String>> parameterNames() {
    return Optional.of(Set.of("rootdirectory", "maxthreads"));
  }

  /**
   * Creates a driver over {@code rootdirectory}, creating the directory if missing, and warns
   * when the process cannot write there.
   *
   * @throws IllegalArgumentException when {@code rootdirectory} is not a non-blank path string
   */
  @Override
  public StorageDriver create(Map<String, Object> parameters) throws IOException {
    Object value = parameters.getOrDefault("rootdirectory", DEFAULT_ROOT);
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw new IllegalArgumentException(
          "filesystem: rootdirectory must be a non-empty path string, got " + value);
    }
    Path root;
    try {
      root = Path.of((String) value);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("filesystem: rootdirectory is not a path: " + value, e);
    }
    FilesystemStorageDriver driver = FilesystemStorageDriver.create(root);
    // Said once at start, so the operator reads it before the first push fails with 503.
    if (!Files.isWritable(driver.root())) {
      LOG.log(System.Logger.Level.WARNING, "storage root " + driver.root() + " is not writable (a read-only mount or"
          + " missing permissions): pulls are served, pushes are refused with 503 until it is writable");
    }
    return driver;
  }
}
