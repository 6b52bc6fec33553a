package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import registry.core.spi.WalkVisitor;

/**
 * Walks a directory with the file system's own tree walk, which reads attributes as it lists,
 * instead of one {@code stat} per entry. Temporary files are never visited.
 */
public final class TreeWalk {

  private TreeWalk() {}

  /** Visits everything under {@code start} (not {@code start} itself), parents first. */
  public static void walk(RootDirectory root, Path start, WalkVisitor visitor) throws IOException {
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        if (dir.equals(start)) {
          return FileVisitResult.CONTINUE;
        }
        if (DurableFiles.isTemporary(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return result(visitor.visit(Attributes.info(root.storagePath(dir), attrs)));
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (DurableFiles.isTemporary(file)) {
          return FileVisitResult.CONTINUE;
        }
        FileVisitResult r = result(visitor.visit(Attributes.info(root.storagePath(file), attrs)));
        return r == FileVisitResult.TERMINATE ? r : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // deleted while we walked: nothing to visit
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static FileVisitResult result(WalkVisitor.Decision decision) {
    switch (decision) {
      case SKIP_SUBTREE:
        return FileVisitResult.SKIP_SUBTREE;
      case STOP:
        return FileVisitResult.TERMINATE;
      default:
        return FileVisitResult.CONTINUE;
    }
  }
}
