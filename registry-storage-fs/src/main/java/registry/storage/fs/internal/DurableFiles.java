package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The file operations the filesystem driver builds on: create, write, publish, sync. */
public final class DurableFiles {

  /**
   * Names of files being written aside before a rename. Listings and walks leave them out, so
   * a half-written file is never seen as content.
   */
  public static final String TEMP_PREFIX = ".tmp-";

  /**
   * The most bytes handed to one channel write or read. The JDK copies a heap buffer through a
   * temporary direct buffer of the same size and caches it per thread, so an unbounded slice
   * would let one large array pin that much native memory.
   */
  static final int MAX_SLICE = 256 * 1024;

  /** How often a create is retried when a concurrent delete removes the new parent directory. */
  private static final int CREATE_ATTEMPTS = 3;

  private DurableFiles() {}

  /** Whether {@code name} is one of the driver's temporary files. */
  public static boolean isTemporary(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().startsWith(TEMP_PREFIX);
  }

  /** A fresh temporary name in the directory of {@code target} (same file system, so renames are atomic). */
  public static Path temporaryBeside(Path target) {
    return target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
  }

  /** Opens {@code file}, creating missing parent directories first when needed. */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    ensureDirectory(file.getParent());
    for (int attempt = 1; ; attempt++) {
      try {
        return FileChannel.open(file, options);
      } catch (NoSuchFileException e) {
        if (attempt == CREATE_ATTEMPTS) {
          throw e;
        }
        // A concurrent delete took the directory meanwhile.
        Files.createDirectories(file.getParent());
      }
    }
  }

  /**
   * Creates {@code directory} and its parents unless it exists. Asking first costs a stat;
   * failing first would cost an exception with its stack trace, and the registry's new files
   * (an upload's, a new blob's, a new link's) mostly go into new directories.
   */
  public static void ensureDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      // createDirectories tolerates directories other writers create at the same time.
      Files.createDirectories(directory);
    }
  }

  /** Writes all of {@code bytes} in bounded slices. */
  public static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      ByteBuffer slice = bytes.slice();
      slice.limit(Math.min(slice.remaining(), MAX_SLICE));
      while (slice.hasRemaining()) {
        channel.write(slice);
      }
      bytes.position(bytes.position() + slice.position());
    }
  }

  /**
   * Moves {@code source} onto {@code target} in one step, replacing it, creating the target's
   * parent directories. Falls back to a plain move only where the file system has no atomic
   * rename.
   */
  public static void replace(Path source, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        moveAtomically(source, target);
        return;
      } catch (NoSuchFileException e) {
        // Either the source is gone (final) or the target's parent is missing: not created
        // yet, or taken by a concurrent delete.
        if (attempt == CREATE_ATTEMPTS || !Files.exists(source)) {
          throw e;
        }
        Files.createDirectories(target.getParent());
      }
    }
  }

  private static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Flushes a directory's entries (a new name from a rename) to the disk. Not every platform
   * can open a directory (Windows cannot); there the rename's own durability has to do.
   */
  public static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort, see above
    }
  }

  /**
   * Forces each written file, then each directory that holds a written or moved name. The
   * files go first: on journaling file systems the first force commits the renames too, so the
   * directories' forces find little left to do. A written file deleted meanwhile is skipped.
   */
  public static void syncFilesThenDirectories(List<Path> written, List<Path> moved) throws IOException {
    Set<Path> directories = new LinkedHashSet<>();
    for (Path file : written) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (NoSuchFileException e) {
        continue; // deleted meanwhile: nothing left to make durable
      }
      directories.add(file.getParent());
    }
    for (Path file : moved) {
      directories.add(file.getParent());
    }
    for (Path directory : directories) {
      syncDirectory(directory);
    }
  }

  /** Deletes {@code file} if it exists, keeping {@code failure} as the error to report. */
  public static void deleteQuietly(Path file, Throwable failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
