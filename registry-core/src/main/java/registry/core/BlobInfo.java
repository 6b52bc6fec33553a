package registry.core;

/**
 * A blob as storage knows it: its digest and size. Storage keeps no media type for blobs.
 *
 * @param digest the blob's digest
 * @param size the blob's size in bytes
 */
public record BlobInfo(Digest digest, long size) {

  /** Validates. */
  public BlobInfo {
    if (digest == null || size < 0) {
      throw new IllegalArgumentException("a blob needs a digest and a non-negative size");
    }
  }
}
