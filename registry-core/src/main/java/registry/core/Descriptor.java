package registry.core;

import java.util.List;
import java.util.Map;

/**
 * Describes content by media type, digest and size, as manifests reference blobs and other
 * manifests.
 *
 * @param mediaType the content's media type (may be null where a document omits it)
 * @param digest the content's digest
 * @param size the content's size in bytes
 * @param artifactType the artifact type, or null
 * @param annotations the annotations, empty when none
 * @param urls where else the content may be fetched from, empty when none (a layer with urls
 *     need not be in the registry: Docker's foreign layers, OCI's non-distributable ones)
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</a>
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
    Map<String, String> annotations, List<String> urls) {

  /** Validates and copies. */
  public Descriptor {
    if (digest == null) {
      throw new IllegalArgumentException("descriptor digest is required");
    }
    if (size < 0) {
      throw new IllegalArgumentException("descriptor size is negative");
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    urls = urls == null ? List.of() : List.copyOf(urls);
  }

  /** A descriptor without urls. */
  public Descriptor(String mediaType, Digest digest, long size, String artifactType, Map<String, String> annotations) {
    this(mediaType, digest, size, artifactType, annotations, List.of());
  }

  /** A descriptor without artifact type or annotations. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, Map.of());
  }
}
