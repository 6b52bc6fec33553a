package registry.storage.fs.internal;

import java.nio.file.NoSuchFileException;

/**
 * A missing storage path, named as the registry knows it (not the file), so messages read the
 * same for every driver. A missing path is an answer (no such blob, no such link), not a fault,
 * and the registry asks often: its stack trace would cost more than the stat, so it has none.
 */
public final class MissingPath extends NoSuchFileException {
  private static final long serialVersionUID = 1L;

  /** The storage path {@code path} is missing. */
  public MissingPath(String path) {
    super(path);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
