package registry.core.internal.ocilayout;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.Tag;
import registry.core.layout.Progress;

/**
 * Copies one image (or index, with every image it lists) from an OCI layout into a repository,
 * in the order that keeps the repository consistent: blobs first (streamed, verified by the
 * registry), then child manifests by digest, then the top manifest under the tag. A failure at
 * any step leaves the tag untouched.
 */
public final class LayoutImporter {

  private final Repository repository;
  private final LayoutSource source;
  private final Progress progress;
  private final int maxManifestBytes;
  /** Manifests in the order they must be pushed: every child before its index. */
  private final Map<Digest, Manifest> manifests = new LinkedHashMap<>();
  private final Map<Digest, Descriptor> blobs = new LinkedHashMap<>();

  private LayoutImporter(Repository repository, LayoutSource source, Progress progress, int maxManifestBytes) {
    this.repository = repository;
    this.source = source;
    this.progress = progress;
    this.maxManifestBytes = maxManifestBytes;
  }

  /**
   * Imports the layout at {@code path} (a directory, a tar or a gzipped tar).
   *
   * @param tag the tag to give the top manifest, or null to push it by digest only
   * @return the top manifest
   */
  public static Manifest run(Repository repository, java.nio.file.Path path, String tag, Progress progress,
      int maxManifestBytes) throws IOException {
    Tag target = tag == null ? null : Tag.of(tag);
    try (LayoutSource source = LayoutSource.open(path)) {
      return new LayoutImporter(repository, source, progress, maxManifestBytes).run(target);
    }
  }

  private Manifest run(Tag tag) throws IOException {
    LayoutFiles.checkLayoutFile(readSmall(LayoutFiles.OCI_LAYOUT, 64 * 1024), source);
    Manifest index = parse(readSmall(LayoutFiles.INDEX, maxManifestBytes), MediaTypes.OCI_INDEX, LayoutFiles.INDEX);
    Manifest top = select(index, tag);
    collect(top);
    for (Descriptor blob : blobs.values()) {
      copyBlob(blob);
    }
    for (Manifest m : manifests.values()) {
      if (m != top) {
        repository.manifests().put(Reference.of(m.digest()), m.bytes(), m.mediaType());
        progress.update(m.descriptor(), m.size(), m.size());
      }
    }
    Reference reference = tag != null ? Reference.of(tag) : Reference.of(top.digest());
    Manifest stored = repository.manifests().put(reference, top.bytes(), top.mediaType());
    progress.update(top.descriptor(), top.size(), top.size());
    return stored;
  }

  /**
   * Which manifest the layout's {@code index.json} means: the entry named like the tag, else
   * its only entry, else (several unnamed images, such as one per platform) index.json itself,
   * which is an image index.
   */
  private Manifest select(Manifest index, Tag tag) throws IOException {
    List<Descriptor> entries = index.manifests();
    if (entries.isEmpty()) {
      throw new RegistryException(ErrorCode.MANIFEST_INVALID, source + ": index.json lists no manifests");
    }
    List<Descriptor> named = new ArrayList<>();
    if (tag != null) {
      for (Descriptor d : entries) {
        if (tag.value().equals(LayoutFiles.refName(d))) {
          named.add(d);
        }
      }
    }
    if (named.size() == 1 || entries.size() == 1) {
      return load(named.size() == 1 ? named.get(0) : entries.get(0));
    }
    return index;
  }

  /** Reads the manifest graph under {@code m}, children first. */
  private void collect(Manifest m) throws IOException {
    if (manifests.containsKey(m.digest())) {
      return;
    }
    for (Descriptor child : m.manifests()) {
      if (!manifests.containsKey(child.digest())) {
        collect(load(child));
      }
    }
    for (Descriptor blob : m.blobReferences()) {
      blobs.putIfAbsent(blob.digest(), blob);
    }
    manifests.put(m.digest(), m);
  }

  private Manifest load(Descriptor d) throws IOException {
    if (d.size() > maxManifestBytes) {
      throw new RegistryException(ErrorCode.MANIFEST_TOO_LARGE,
          "manifest " + d.digest() + " is " + d.size() + " bytes, more than the limit of " + maxManifestBytes);
    }
    String name = LayoutFiles.blob(d.digest());
    byte[] bytes = readSmall(name, maxManifestBytes);
    if (bytes.length != d.size()) {
      throw sizeMismatch(d, bytes.length);
    }
    Manifest m = parse(bytes, d.mediaType(), name);
    Digest actual = Digest.compute(d.digest().algorithm(), bytes);
    if (!actual.equals(d.digest())) {
      throw new RegistryException(ErrorCode.DIGEST_INVALID,
          source + ": " + name + " has digest " + actual + ", not " + d.digest())
          .withDetail(Map.of("digest", d.digest().toString()));
    }
    return m;
  }

  private Manifest parse(byte[] bytes, String mediaType, String name) {
    try {
      return Manifest.parse(bytes, mediaType);
    } catch (RegistryException e) {
      throw new RegistryException(e.code(), source + ": " + name + ": " + e.getMessage(), e);
    }
  }

  private void copyBlob(Descriptor blob) throws IOException {
    Digest digest = blob.digest();
    if (repository.blobs().stat(digest).isPresent()
        || repository.blobs().mount(digest, Optional.empty()).isPresent()) {
      // Already stored (an earlier import, another repository): its bytes were verified then.
      progress.update(blob, blob.size(), blob.size());
      return;
    }
    String name = LayoutFiles.blob(digest);
    OptionalLong size = source.size(name);
    if (size.isEmpty() && !blob.urls().isEmpty()) {
      // served elsewhere, which the manifest says: the registry takes it without the bytes
      progress.update(blob, blob.size(), blob.size());
      return;
    }
    if (size.isEmpty()) {
      throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
          source + " lacks " + name + ", which a manifest references").withDetail(Map.of("digest", digest.toString()));
    }
    if (size.getAsLong() != blob.size()) {
      throw sizeMismatch(blob, size.getAsLong());
    }
    try (ProgressStream in = new ProgressStream(source.open(name), blob, progress)) {
      repository.blobs().put(in, digest);
      in.finish();
    }
  }

  private RegistryException sizeMismatch(Descriptor d, long actual) {
    return new RegistryException(ErrorCode.SIZE_INVALID, source + ": " + LayoutFiles.blob(d.digest()) + " is "
        + actual + " bytes, but its descriptor says " + d.size()).withDetail(Map.of("digest", d.digest().toString()));
  }

  private byte[] readSmall(String name, int max) throws IOException {
    OptionalLong size = source.size(name);
    if (size.isEmpty()) {
      throw new RegistryException(name.startsWith("blobs/") ? ErrorCode.MANIFEST_BLOB_UNKNOWN : ErrorCode.MANIFEST_INVALID,
          source + " is no complete OCI image layout: it lacks " + name);
    }
    if (size.getAsLong() > max) {
      throw new RegistryException(ErrorCode.MANIFEST_TOO_LARGE, source + ": " + name + " is "
          + size.getAsLong() + " bytes, more than the limit of " + max);
    }
    try (InputStream in = source.open(name)) {
      return in.readNBytes(max);
    }
  }
}
