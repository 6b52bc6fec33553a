package registry.core.internal.service;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Optional;
import registry.core.BlobInfo;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.DigestAlgorithm;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.Manifests;
import registry.core.Reference;
import registry.core.RegistryEvent;
import registry.core.RegistryException;
import registry.core.RepositoryName;
import registry.core.Tag;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;

/**
 * A repository's manifests: bytes in the blob store, a revision link per manifest, tag links,
 * and (our addition) a referrer link per manifest that has a subject.
 */
final class StoredManifests implements Manifests {

  private final RegistryContext context;
  private final BlobStore blobStore;
  private final RepositoryName name;
  private final Links links;

  StoredManifests(RegistryContext context, BlobStore blobStore, RepositoryName name) {
    this.context = context;
    this.blobStore = blobStore;
    this.name = name;
    this.links = context.links();
  }

  @Override
  public Optional<Manifest> get(Reference reference) throws IOException {
    Optional<Digest> digest = resolve(reference);
    Optional<Manifest> manifest = digest.isEmpty() ? Optional.empty() : load(digest.get());
    manifest.ifPresent(m -> context.publish(RegistryEvent.Action.PULL, name, m.digest(), m.mediaType(), m.size(),
        reference.tag(), Optional.empty()));
    return manifest;
  }

  @Override
  public Manifest put(Reference reference, byte[] bytes, String contentType) throws IOException {
    return put(reference, List.of(), bytes, contentType);
  }

  @Override
  public Manifest put(Reference reference, List<Tag> extraTags, byte[] bytes, String contentType) throws IOException {
    context.checkWritable();
    if (bytes.length > context.maxManifestBytes()) {
      throw new RegistryException(ErrorCode.MANIFEST_TOO_LARGE,
          "manifest is " + bytes.length + " bytes, more than the limit of " + context.maxManifestBytes());
    }
    DigestAlgorithm algorithm = reference.digest().map(Digest::algorithm).orElse(DigestAlgorithm.SHA256);
    Manifest manifest = Manifest.parse(bytes, contentType, algorithm);
    if (reference.isDigest() && !reference.digest().get().equals(manifest.digest())) {
      throw new RegistryException(ErrorCode.DIGEST_INVALID,
          "manifest has digest " + manifest.digest() + ", not " + reference)
          .withDetail(Map.of("digest", reference.toString()));
    }
    Set<Tag> tags = new LinkedHashSet<>();
    reference.tag().ifPresent(tags::add);
    tags.addAll(extraTags);
    Map<Tag, Optional<Digest>> previous = new LinkedHashMap<>();
    for (Tag tag : tags) {
      previous.put(tag, links.read(new PathSpec.TagCurrentLink(name, tag)));
    }
    List<Digest> referenced = new ArrayList<>();
    referenced.add(manifest.digest());
    manifest.blobReferences().forEach(d -> referenced.add(d.digest()));
    manifest.manifests().forEach(d -> referenced.add(d.digest()));
    // A collection sweeping beside this put may take what it refers to: then write it all again.
    boolean written = false;
    SweepNotices.Window window = context.sweepNotices().open();
    do {
      try {
        checkReferences(manifest);
      } catch (RegistryException e) {
        if (written) {
          undo(manifest, previous);
        }
        throw e;
      }
      writeLinks(manifest, tags);
      written = true;
    } while (window.overlapped(name, referenced));
    context.manifestCache().put(manifest);
    if (tags.isEmpty()) {
      context.publish(RegistryEvent.Action.PUSH, name, manifest.digest(), manifest.mediaType(), manifest.size(),
          Optional.empty(), Optional.empty());
    }
    for (Tag tag : tags) {
      context.publish(RegistryEvent.Action.PUSH, name, manifest.digest(), manifest.mediaType(), manifest.size(),
          Optional.of(tag), Optional.empty());
    }
    return manifest;
  }

  /** Content first, then the links that make it visible, so a crash never exposes a link to nothing. */
  private void writeLinks(Manifest manifest, Set<Tag> tags) throws IOException {
    Digest digest = manifest.digest();
    blobStore.putVerified(digest, manifest.bytes());
    links.write(new PathSpec.RevisionLink(name, digest), digest);
    if (manifest.subject().isPresent()) {
      links.write(new PathSpec.ReferrerLink(name, manifest.subject().get().digest(), digest), digest);
    }
    for (Tag tag : tags) {
      // current before index, as distribution: a crash between them leaves a working tag
      links.write(new PathSpec.TagCurrentLink(name, tag), digest);
      links.write(new PathSpec.TagIndexLink(name, tag, digest), digest);
    }
  }

  /**
   * Takes back the links of a put that fails after writing them, because a collection swept
   * what the manifest refers to meanwhile: its revision (whose blobs are gone, so it must not
   * be served) and its tags, each moving back unless another put moved it since. A failed put
   * changes nothing.
   */
  private void undo(Manifest manifest, Map<Tag, Optional<Digest>> previous) throws IOException {
    Digest ours = manifest.digest();
    for (Map.Entry<Tag, Optional<Digest>> e : previous.entrySet()) {
      Tag tag = e.getKey();
      Optional<Digest> before = e.getValue();
      if (!before.equals(Optional.of(ours))
          && links.read(new PathSpec.TagCurrentLink(name, tag)).equals(Optional.of(ours))) {
        if (before.isPresent()) {
          links.write(new PathSpec.TagCurrentLink(name, tag), before.get());
        } else {
          links.deleteIfExists(new PathSpec.TagDir(name, tag));
        }
      }
    }
    if (manifest.subject().isPresent()) {
      links.deleteIfExists(new PathSpec.ReferrerEntry(name, manifest.subject().get().digest(), ours));
    }
    links.deleteIfExists(new PathSpec.RevisionDir(name, ours));
    context.manifestCache().remove(ours);
  }

  @Override
  public void delete(Reference reference) throws IOException {
    context.checkDeletable();
    if (reference.tag().isPresent()) {
      Tag tag = reference.tag().get();
      if (links.read(new PathSpec.TagCurrentLink(name, tag)).isEmpty()
          || !links.deleteIfExists(new PathSpec.TagDir(name, tag))) {
        throw unknown(reference);
      }
      context.publish(RegistryEvent.Action.DELETE, name, null, null, -1, Optional.of(tag), Optional.empty());
      return;
    }
    Digest digest = reference.digest().orElseThrow();
    if (!links.exists(new PathSpec.RevisionLink(name, digest))) {
      throw unknown(reference);
    }
    Optional<Manifest> manifest = load(digest);
    // Tags first, so no tag is left pointing at a removed revision.
    for (Tag tag : tagsPointingAt(digest)) {
      links.deleteIfExists(new PathSpec.TagDir(name, tag));
    }
    links.deleteIfExists(new PathSpec.RevisionDir(name, digest));
    if (manifest.isPresent() && manifest.get().subject().isPresent()) {
      links.deleteIfExists(new PathSpec.ReferrerEntry(name, manifest.get().subject().get().digest(), digest));
    }
    context.publish(RegistryEvent.Action.DELETE, name, digest, manifest.map(Manifest::mediaType).orElse(null), -1,
        Optional.empty(), Optional.empty());
  }

  @Override
  public List<Descriptor> referrers(Digest subject, Optional<String> artifactType) throws IOException {
    String dir = StoragePaths.pathFor(new PathSpec.ReferrersDir(name, subject));
    List<Descriptor> result = new ArrayList<>();
    List<String> algorithms;
    try {
      algorithms = context.storage().list(dir);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    for (String algorithmDir : algorithms) {
      String algorithm = lastComponent(algorithmDir);
      List<String> entries;
      try {
        entries = context.storage().list(algorithmDir);
      } catch (NoSuchFileException e) {
        continue;
      }
      for (String entry : entries) {
        Optional<Digest> referrer = Digest.tryParse(algorithm + ":" + lastComponent(entry));
        if (referrer.isEmpty() || !links.exists(new PathSpec.RevisionLink(name, referrer.get()))) {
          continue; // deleted since, or written by something else: not a live referrer
        }
        Optional<Manifest> m = load(referrer.get());
        if (m.isEmpty()) {
          continue;
        }
        Descriptor d = m.get().descriptor();
        if (artifactType.isEmpty() || artifactType.get().equals(d.artifactType())) {
          result.add(d);
        }
      }
    }
    result.sort(Comparator.comparing(Descriptor::digest));
    return result;
  }

  /** The digest a reference names, when the repository has that manifest. */
  private Optional<Digest> resolve(Reference reference) throws IOException {
    if (reference.tag().isPresent()) {
      Optional<Digest> current = links.read(new PathSpec.TagCurrentLink(name, reference.tag().get()));
      if (current.isEmpty()) {
        return Optional.empty();
      }
      return links.exists(new PathSpec.RevisionLink(name, current.get())) ? current : Optional.empty();
    }
    Digest digest = reference.digest().orElseThrow();
    return links.exists(new PathSpec.RevisionLink(name, digest)) ? Optional.of(digest) : Optional.empty();
  }

  /** The manifest with this digest from the cache or the blob store, verified against its digest. */
  private Optional<Manifest> load(Digest digest) throws IOException {
    Manifest cached = context.manifestCache().get(digest);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<byte[]> bytes = blobStore.read(digest);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    Manifest manifest = Manifest.readStored(bytes.get(), digest);
    context.manifestCache().put(manifest);
    return Optional.of(manifest);
  }

  /** Refuses a manifest whose blobs or child manifests the repository does not have. */
  private void checkReferences(Manifest manifest) throws IOException {
    for (Descriptor blob : manifest.requiredBlobs()) {
      Optional<BlobInfo> info = links.exists(new PathSpec.LayerLink(name, blob.digest()))
          ? blobStore.stat(blob.digest()) : Optional.empty();
      if (info.isEmpty()) {
        throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
            "blob " + blob.digest() + " is not in repository " + name)
            .withDetail(Map.of("digest", blob.digest().toString()));
      }
      if (info.get().size() != blob.size()) {
        throw new RegistryException(ErrorCode.MANIFEST_INVALID,
            "blob " + blob.digest() + " has " + info.get().size() + " bytes, the manifest says " + blob.size());
      }
    }
    for (Descriptor child : manifest.manifests()) {
      if (!links.exists(new PathSpec.RevisionLink(name, child.digest()))) {
        throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
            "manifest " + child.digest() + " is not in repository " + name)
            .withDetail(Map.of("digest", child.digest().toString()));
      }
    }
  }

  private List<Tag> tagsPointingAt(Digest digest) throws IOException {
    List<Tag> tags = new ArrayList<>();
    List<String> tagDirs;
    try {
      tagDirs = context.storage().list(StoragePaths.pathFor(new PathSpec.TagsRoot(name)));
    } catch (NoSuchFileException e) {
      return tags;
    }
    for (String dir : tagDirs) {
      String value = lastComponent(dir);
      if (!Tag.isValid(value)) {
        continue;
      }
      Tag tag = Tag.of(value);
      if (links.read(new PathSpec.TagCurrentLink(name, tag)).filter(digest::equals).isPresent()) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private RegistryException unknown(Reference reference) {
    return new RegistryException(ErrorCode.MANIFEST_UNKNOWN,
        "manifest " + reference + " is not in repository " + name);
  }

  static String lastComponent(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
