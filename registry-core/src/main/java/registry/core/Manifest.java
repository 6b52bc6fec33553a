package registry.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import registry.core.internal.manifest.ManifestParser;

/**
 * A parsed, validated, read-only view of a manifest that keeps the exact bytes it was made
 * from. Its digest is of those bytes; it is never re-serialized.
 *
 * <pre>{@code
 * Manifest m = Manifest.parse(bytes, "application/vnd.oci.image.manifest.v1+json");
 * for (Descriptor layer : m.layers()) { ... }
 * }</pre>
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">OCI image manifest</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI image index</a>
 */
public final class Manifest {

  private final byte[] bytes;
  private final Digest digest;
  private final String mediaType;
  private final Descriptor config;
  private final List<Descriptor> layers;
  private final List<Descriptor> manifests;
  private final Descriptor subject;
  private final String artifactType;
  private final Map<String, String> annotations;

  private Manifest(ManifestParser.Parts p) {
    this.bytes = p.bytes();
    this.digest = p.digest();
    this.mediaType = p.mediaType();
    this.config = p.config();
    this.layers = List.copyOf(p.layers());
    this.manifests = List.copyOf(p.manifests());
    this.subject = p.subject();
    this.artifactType = p.artifactType();
    this.annotations = Map.copyOf(p.annotations());
  }

  /**
   * Parses and validates a manifest, digesting it with SHA-256.
   *
   * @param bytes the manifest exactly as received
   * @param contentType the {@code Content-Type} it came with, or null; when the document has a
   *     {@code mediaType} the two must agree
   * @throws RegistryException {@link ErrorCode#MANIFEST_INVALID} when it is not a valid manifest
   */
  public static Manifest parse(byte[] bytes, String contentType) {
    return parse(bytes, contentType, DigestAlgorithm.SHA256);
  }

  /**
   * Parses a manifest whose digest uses the given algorithm.
   *
   * @throws RegistryException {@link ErrorCode#MANIFEST_INVALID} when it is not a valid manifest
   */
  public static Manifest parse(byte[] bytes, String contentType, DigestAlgorithm algorithm) {
    return new Manifest(ManifestParser.parse(bytes.clone(), contentType, algorithm));
  }

  /**
   * Reads a manifest from storage, where it was validated when it was pushed, perhaps by
   * another registry under older rules. Never refuses a document: one this registry would not
   * accept today (such as Docker schema 1) comes back with a sniffed media type and no
   * references.
   *
   * @throws java.io.IOException when the bytes do not have the given digest (corrupt storage)
   */
  public static Manifest readStored(byte[] bytes, Digest digest) throws java.io.IOException {
    Digest actual = Digest.compute(digest.algorithm(), bytes);
    if (!actual.equals(digest)) {
      throw new java.io.IOException("stored manifest " + digest + " is corrupt: its bytes hash to " + actual);
    }
    return new Manifest(ManifestParser.parseLenient(bytes.clone(), digest));
  }

  /** A copy of the bytes exactly as received. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes as a stream, without copying them. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** Writes the bytes exactly as received. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }

  /** The size of the bytes. */
  public int size() {
    return bytes.length;
  }

  /** The digest of the bytes. */
  public Digest digest() {
    return digest;
  }

  /** The media type: the document's own, the one it came with, or the one sniffed from its shape. */
  public String mediaType() {
    return mediaType;
  }

  /** Whether this is an index (OCI index or Docker manifest list). */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** The config descriptor of an image manifest. */
  public Optional<Descriptor> config() {
    return Optional.ofNullable(config);
  }

  /** The layers of an image manifest, empty for an index. */
  public List<Descriptor> layers() {
    return layers;
  }

  /** The child manifests of an index, empty for an image manifest. */
  public List<Descriptor> manifests() {
    return manifests;
  }

  /** The manifest this one refers to (OCI 1.1 {@code subject}), if any. */
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  /**
   * The artifact type: the document's {@code artifactType}, else (for an image manifest) the
   * config's media type, as the referrers API reports it.
   */
  public Optional<String> artifactType() {
    if (artifactType != null) {
      return Optional.of(artifactType);
    }
    return config == null ? Optional.empty() : Optional.ofNullable(config.mediaType());
  }

  /** The manifest's annotations. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** This manifest as a descriptor. */
  public Descriptor descriptor() {
    return new Descriptor(mediaType, digest, bytes.length, artifactType().orElse(null), annotations);
  }

  /** The blobs this manifest needs in its repository: the config and the layers. */
  public List<Descriptor> blobReferences() {
    if (config == null) {
      return layers;
    }
    java.util.ArrayList<Descriptor> all = new java.util.ArrayList<>(layers.size() + 1);
    all.add(config);
    all.addAll(layers);
    return List.copyOf(all);
  }

  /**
   * The blobs that must be in the repository before this manifest may be: the config and every
   * layer but those with {@code urls}, which clients fetch from there (a Windows base layer, a
   * non-distributable layer). Those are still {@linkplain #blobReferences() references}: when
   * they were pushed anyway, they are kept as long as the manifest.
   */
  public List<Descriptor> requiredBlobs() {
    List<Descriptor> required = new java.util.ArrayList<>(layers.size() + 1);
    if (config != null) {
      required.add(config);
    }
    layers.stream().filter(l -> l.urls().isEmpty()).forEach(required::add);
    return List.copyOf(required);
  }

  @Override
  public String toString() {
    return "Manifest{" + mediaType + ", " + digest + ", " + bytes.length + " bytes}";
  }
}
