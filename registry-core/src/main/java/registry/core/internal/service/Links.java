package registry.core.internal.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import registry.core.Digest;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.internal.storage.DeferredWrites;
import registry.core.spi.StorageDriver;

/** Reads and writes distribution's link files: a digest as {@code alg:hex}. */
public final class Links {

  private final StorageDriver storage;

  public Links(StorageDriver storage) {
    this.storage = storage;
  }

  /** The digest a link holds, or empty when there is no link. */
  public Optional<Digest> read(PathSpec link) throws IOException {
    byte[] content;
    try {
      content = storage.getContent(StoragePaths.pathFor(link));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String text = new String(content, StandardCharsets.US_ASCII).trim();
    if (text.isEmpty()) {
      // A power cut can leave a link empty where the writer did not force it (distribution
      // never does): the push it belonged to was never durable, so there is no link.
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt link file " + StoragePaths.pathFor(link) + ": " + e.getMessage(), e);
    }
  }

  /** Whether a link exists. */
  public boolean exists(PathSpec link) throws IOException {
    try {
      return storage.stat(StoragePaths.pathFor(link)).size() > 0; // an empty link is no link, see read
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Writes a link atomically and durably. */
  public void write(PathSpec link, Digest digest) throws IOException {
    storage.putContent(StoragePaths.pathFor(link), StoragePaths.linkContent(digest));
  }

  /**
   * Writes a link atomically, leaving it to the caller to {@linkplain DeferredWrites#sync sync}
   * the returned path. Until then a crash of the machine may lose the link or leave it empty,
   * which reads as no link.
   */
  public String writeWithoutSync(PathSpec link, Digest digest) throws IOException {
    String path = StoragePaths.pathFor(link);
    DeferredWrites.putContent(storage, path, StoragePaths.linkContent(digest));
    return path;
  }

  /** Deletes a path if it exists; reports whether it did. */
  public boolean deleteIfExists(PathSpec spec) throws IOException {
    try {
      storage.delete(StoragePaths.pathFor(spec));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
