package registry.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * Resumable blob uploads of one repository. An upload's state lives in storage, so any
 * registry instance over the same storage can continue it.
 *
 * <pre>{@code
 * Uploads uploads = registry.repository("team/app").uploads();
 * UploadStatus s = uploads.start();
 * s = uploads.append(s.id(), 0, firstChunk);
 * s = uploads.append(s.id(), s.offset(), secondChunk);
 * BlobInfo blob = uploads.finish(s.id(), digest, null);
 * }</pre>
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">OCI distribution spec, pushing blobs</a>
 */
public interface Uploads {

  /** Starts an empty upload. */
  UploadStatus start() throws IOException;

  /**
   * Starts an empty upload that is expected to finish with a digest in {@code algorithm}, so
   * the registry can hash the bytes in it as they arrive. Finishing with another algorithm
   * still works, at the cost of reading the bytes again. This default ignores the hint.
   */
  default UploadStatus start(DigestAlgorithm algorithm) throws IOException {
    return start();
  }

  /**
   * Where the upload stands.
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UPLOAD_UNKNOWN} for an unknown upload
   */
  UploadStatus status(String id) throws IOException;

  /**
   * Appends a chunk that must start at {@code offset}; with {@code offset} negative the chunk
   * goes at the current end (a streamed PATCH without {@code Content-Range}).
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UPLOAD_RANGE_INVALID} when the offset is
   *     not the upload's current size (nothing is written),
   *     {@link ErrorCode#BLOB_UPLOAD_UNKNOWN} for an unknown upload
   */
  UploadStatus append(String id, long offset, InputStream chunk) throws IOException;

  /**
   * Appends an optional last chunk, verifies the whole content against {@code digest}, and
   * publishes the blob in this repository. The upload then no longer exists.
   *
   * @param lastChunk the last bytes, or null
   * @throws RegistryException {@link ErrorCode#DIGEST_INVALID} when the content does not match
   *     (the upload stays as it was, uncommitted), {@link ErrorCode#BLOB_UPLOAD_UNKNOWN} for an
   *     unknown upload
   */
  BlobInfo finish(String id, Digest digest, InputStream lastChunk) throws IOException;

  /**
   * Like {@link #finish(String, Digest, InputStream)}, but the last chunk must start at
   * {@code offset}, as a chunk given to {@link #append}; with {@code offset} negative it goes
   * at the current end.
   *
   * <p>The registry's uploads check the offset under the same lock as {@code append}, so a
   * chunk racing in beside it cannot slip between check and write. This default, for other
   * implementations, checks before it finishes.
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UPLOAD_RANGE_INVALID} when the offset is
   *     not the upload's current size (nothing is written), and as
   *     {@link #finish(String, Digest, InputStream)}
   */
  default BlobInfo finish(String id, long offset, Digest digest, InputStream lastChunk) throws IOException {
    if (offset >= 0) {
      long size = status(id).offset();
      if (offset != size) {
        throw new RegistryException(ErrorCode.BLOB_UPLOAD_RANGE_INVALID,
            "chunk starts at " + offset + " but the upload has " + size + " bytes");
      }
    }
    return finish(id, digest, lastChunk);
  }

  /**
   * Cancels the upload and discards what it received.
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UPLOAD_UNKNOWN} for an unknown upload
   */
  void cancel(String id) throws IOException;
}
