package registry.core;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The manifests of one repository, by tag or digest.
 *
 * <pre>{@code
 * Manifests manifests = registry.repository("team/app").manifests();
 * Manifest m = manifests.put(Reference.parse("1.0"), bytes, MediaTypes.OCI_MANIFEST);
 * Manifest same = manifests.get(Reference.of(m.digest())).orElseThrow();
 * }</pre>
 */
public interface Manifests {

  /**
   * The manifest with the stored bytes, when the repository has it. Stored manifests this
   * registry would refuse today (such as Docker schema 1 written by another registry) are still
   * returned, with their media type sniffed and no references.
   */
  Optional<Manifest> get(Reference reference) throws IOException;

  /** Whether the repository has the manifest, without reading it where avoidable. */
  default boolean exists(Reference reference) throws IOException {
    return get(reference).isPresent();
  }

  /**
   * Validates and stores a manifest, and points the tag at it when {@code reference} is a tag.
   *
   * @param contentType the media type it was sent with, or null
   * @throws RegistryException {@link ErrorCode#MANIFEST_INVALID} for a malformed manifest or a
   *     media type mismatch, {@link ErrorCode#MANIFEST_TOO_LARGE} over the size cap,
   *     {@link ErrorCode#MANIFEST_BLOB_UNKNOWN} when a referenced blob or child manifest is
   *     missing, {@link ErrorCode#DIGEST_INVALID} when put by a digest that does not match
   */
  Manifest put(Reference reference, byte[] bytes, String contentType) throws IOException;

  /**
   * Like {@link #put(Reference, byte[], String)}, and points each of {@code tags} at the
   * manifest too. The registry's manifests store the manifest once and move all the tags or,
   * when the put fails, none. This default, for other implementations, puts it once per tag,
   * so a failure part way leaves the earlier tags moved.
   */
  default Manifest put(Reference reference, List<Tag> tags, byte[] bytes, String contentType) throws IOException {
    Manifest manifest = put(reference, bytes, contentType);
    for (Tag tag : tags) {
      put(Reference.of(tag), bytes, contentType);
    }
    return manifest;
  }

  /**
   * Deletes by digest (the manifest and every tag pointing at it) or by tag (the tag only).
   *
   * @throws RegistryException {@link ErrorCode#MANIFEST_UNKNOWN} when absent,
   *     {@link ErrorCode#UNSUPPORTED} when deletes are disabled
   */
  void delete(Reference reference) throws IOException;

  /**
   * The manifests whose {@code subject} is {@code subject}, as descriptors, optionally only those
   * of one artifact type. The subject itself need not exist.
   */
  List<Descriptor> referrers(Digest subject, Optional<String> artifactType) throws IOException;
}
