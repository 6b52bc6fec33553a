package registry.core.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.internal.storage.DeferredWrites;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;

/** The registry-wide, content-addressed blob data, which repositories link to. */
final class BlobStore {

  private final StorageDriver storage;

  BlobStore(StorageDriver storage) {
    this.storage = storage;
  }

  /** The blob's size, when its data exists. */
  Optional<BlobInfo> stat(Digest digest) throws IOException {
    try {
      FileInfo info = storage.stat(StoragePaths.pathFor(new PathSpec.BlobData(digest)));
      return info.isDirectory() ? Optional.empty() : Optional.of(new BlobInfo(digest, info.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Opens the data at an offset. */
  InputStream open(Digest digest, long offset) throws IOException {
    return storage.reader(StoragePaths.pathFor(new PathSpec.BlobData(digest)), offset);
  }

  /** Reads small content whole (manifests). */
  Optional<byte[]> read(Digest digest) throws IOException {
    try {
      return Optional.of(storage.getContent(StoragePaths.pathFor(new PathSpec.BlobData(digest))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Stores small, already verified content (manifests) unless it is there. */
  void putVerified(Digest digest, byte[] content) throws IOException {
    Optional<BlobInfo> existing = stat(digest);
    if (existing.isPresent() && existing.get().size() == content.length) {
      return;
    }
    storage.putContent(StoragePaths.pathFor(new PathSpec.BlobData(digest)), content);
  }

  /**
   * Moves verified, durable upload data into its content address, unless the blob is there
   * already. Returns the blob's path, whose name the caller still has to
   * {@linkplain DeferredWrites#sync sync}: also when the blob was there, as another push may
   * have moved it without syncing yet.
   */
  String publishWithoutSync(String uploadDataPath, Digest digest, long size) throws IOException {
    String blobPath = StoragePaths.pathFor(new PathSpec.BlobData(digest));
    Optional<BlobInfo> existing = stat(digest);
    if (existing.isEmpty() || existing.get().size() != size) {
      DeferredWrites.move(storage, uploadDataPath, blobPath);
    }
    return blobPath;
  }
}
