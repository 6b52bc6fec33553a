package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/** Deletes a directory and everything under it, while others may delete parts of it too. */
public final class TreeDelete {

  /** How long a temporary file counts as a write in progress, which a delete leaves alone. */
  private static final Duration IN_FLIGHT = Duration.ofMinutes(10);

  private TreeDelete() {}

  /**
   * Deletes {@code directory} and its contents; what vanishes meanwhile is not an error. Another
   * writer's temporary file younger than {@link #IN_FLIGHT} stays: that write is about to rename
   * it into place, so its directory stays too and this fails with
   * {@link java.nio.file.DirectoryNotEmptyException} (a collection deleting a revision while a
   * retag writes its link gets that, not a lost link).
   */
  public static void delete(Path directory) throws IOException {
    long inFlightSince = System.currentTimeMillis() - IN_FLIGHT.toMillis();
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!DurableFiles.isTemporary(file) || attrs.lastModifiedTime().toMillis() < inFlightSince) {
          Files.deleteIfExists(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // deleted by someone else meanwhile
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
