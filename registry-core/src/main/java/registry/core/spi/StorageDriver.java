package registry.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * A path-keyed byte store: everything the registry needs from storage, and nothing about
 * digests, manifests or repositories.
 *
 * <p>Paths are absolute and match {@code ^(/[A-Za-z0-9._-]+)+$}; {@code "/"} names the root for
 * {@link #list}, {@link #stat} and {@link #walk}. The registry wraps every driver so that
 * implementations may assume valid paths. A missing path is reported as
 * {@link NoSuchFileException}; any other failure as an {@link IOException}.
 *
 * <p>Implementations must be safe for concurrent use. Writers to distinct paths never interfere.
 * A driver whose writes can share the cost of being made durable also implements
 * {@link DeferredSync}.
 *
 * @see StorageDriverFactory for how drivers are found by name
 * @see DeferredSync
 */
public interface StorageDriver extends AutoCloseable {

  /** The driver's name as configuration knows it, such as {@code filesystem}. */
  String name();

  /**
   * Reads a whole file. Meant for small files (links, manifests).
   *
   * @throws NoSuchFileException when there is no file at the path
   */
  byte[] getContent(String path) throws IOException;

  /**
   * Writes a whole file atomically: readers see the old content or the new, never a part.
   * Missing parent directories are created. Once it returns the content is durable: it
   * survives a crash of the machine, not only of the process.
   */
  void putContent(String path, byte[] content) throws IOException;

  /**
   * Opens a file for reading from {@code offset}. An offset at or past the end gives an empty
   * stream.
   *
   * @throws NoSuchFileException when there is no file at the path
   */
  InputStream reader(String path, long offset) throws IOException;

  /**
   * Opens a writer. With {@code append} false any earlier content at the path is replaced once
   * the writer commits; with {@code append} true the writer continues a file that an earlier
   * writer closed without committing (or creates it), starting at its {@link StorageWriter#size()}.
   *
   * <p>What a closed writer wrote is durable enough to continue, is counted by {@link #stat},
   * and can be read back with {@link #reader} (so another instance can re-hash an upload it
   * takes over); {@link StorageWriter#commit()} makes it a finished file.
   */
  StorageWriter writer(String path, boolean append) throws IOException;

  /**
   * Describes a file or directory.
   *
   * @throws NoSuchFileException when nothing exists at the path
   */
  FileInfo stat(String path) throws IOException;

  /**
   * Lists the direct children of a directory as full paths, in no particular order.
   *
   * @throws NoSuchFileException when the directory does not exist
   */
  List<String> list(String path) throws IOException;

  /**
   * Moves a file, replacing any file at the destination. After it returns the content is at
   * {@code destination} and no longer at {@code source}.
   *
   * @throws NoSuchFileException when there is no file at the source
   */
  void move(String source, String destination) throws IOException;

  /**
   * Deletes a file, or a directory and everything under it. Only true sub-paths are touched:
   * deleting {@code /a/b} never removes {@code /a/bc}.
   *
   * @throws NoSuchFileException when nothing exists at the path
   */
  void delete(String path) throws IOException;

  /**
   * Visits every file and directory under {@code path} (not the path itself), parents before
   * their children. The default builds on {@link #list} and {@link #stat}; drivers with a
   * native recursive listing should override it.
   *
   * @throws NoSuchFileException when nothing exists at the path
   */
  default void walk(String path, WalkVisitor visitor) throws IOException {
    try {
      walkByListing(path, visitor);
    } catch (WalkStoppedException e) {
      // the visitor asked to stop
    }
  }

  private void walkByListing(String path, WalkVisitor visitor) throws IOException {
    List<String> children = new java.util.ArrayList<>(list(path));
    java.util.Collections.sort(children);
    for (String child : children) {
      FileInfo info;
      try {
        info = stat(child);
      } catch (NoSuchFileException e) {
        continue; // deleted while we walked: nothing to visit
      }
      WalkVisitor.Decision d = visitor.visit(info);
      if (d == WalkVisitor.Decision.STOP) {
        throw new WalkStoppedException();
      }
      if (info.isDirectory() && d == WalkVisitor.Decision.CONTINUE) {
        try {
          walkByListing(child, visitor);
        } catch (NoSuchFileException e) {
          // deleted while we walked
        }
      }
    }
  }

  /**
   * A URL a client can fetch the file from directly (such as a presigned S3 URL), valid for a
   * while, or empty when the registry should serve the bytes itself.
   *
   * @param method the HTTP method the client will use ({@code GET} or {@code HEAD})
   */
  default Optional<URI> redirectUrl(String method, String path) throws IOException {
    return Optional.empty();
  }

  /** Releases the driver's resources. The default does nothing. */
  @Override
  default void close() throws IOException {}
}
