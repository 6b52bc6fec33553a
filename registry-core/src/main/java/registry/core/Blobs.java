package registry.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * The blobs of one repository: layers and configs that its manifests reference.
 *
 * <pre>{@code
 * Blobs blobs = registry.repository("team/app").blobs();
 * BlobInfo pushed = blobs.put(Files.newInputStream(layer), expectedDigest);
 * try (InputStream in = blobs.open(pushed.digest(), 0)) { ... }
 * }</pre>
 */
public interface Blobs {

  /** The blob, when this repository has it. */
  Optional<BlobInfo> stat(Digest digest) throws IOException;

  /**
   * Opens the blob for reading from {@code offset}.
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UNKNOWN} when the repository lacks it
   */
  InputStream open(Digest digest, long offset) throws IOException;

  /**
   * A URL the client can fetch the blob from directly (such as a presigned S3 URL), when the
   * storage offers one; empty means the registry serves the bytes itself.
   *
   * @param method the HTTP method the client will use
   */
  Optional<URI> redirectUrl(Digest digest, String method) throws IOException;

  /**
   * Pushes a whole blob in one go: streams, verifies against {@code digest}, then publishes.
   *
   * @throws RegistryException {@link ErrorCode#DIGEST_INVALID} when the content does not match
   */
  BlobInfo put(InputStream content, Digest digest) throws IOException;

  /**
   * Links a blob that another repository has into this one without copying it. With
   * {@code from} empty, any blob the registry holds is linked.
   *
   * @return the blob, or empty when {@code from} (or the registry) does not have it
   */
  Optional<BlobInfo> mount(Digest digest, Optional<RepositoryName> from) throws IOException;

  /**
   * Removes the blob from this repository (the data stays until garbage collection).
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UNKNOWN} when the repository lacks it,
   *     {@link ErrorCode#UNSUPPORTED} when deletes are disabled
   */
  void delete(Digest digest) throws IOException;
}
