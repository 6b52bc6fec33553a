package registry.core.internal.paths;

import registry.core.Digest;
import registry.core.RepositoryName;
import registry.core.Tag;

/**
 * A place in distribution's v2 storage layout. {@link StoragePaths#pathFor} is the only code that
 * turns one into a path, so the layout is written down once.
 */
public sealed interface PathSpec {

  /** {@code <root>/blobs/<alg>/<hex[0:2]>/<hex>/data}: a blob's content. */
  record BlobData(Digest digest) implements PathSpec {}

  /** {@code <root>/blobs/<alg>/<hex[0:2]>/<hex>}: a blob's directory. */
  record BlobDir(Digest digest) implements PathSpec {}

  /** {@code <root>/blobs}. */
  record BlobsRoot() implements PathSpec {}

  /** {@code <root>/repositories}. */
  record RepositoriesRoot() implements PathSpec {}

  /** {@code <root>/repositories/<name>}. */
  record RepositoryRoot(RepositoryName name) implements PathSpec {}

  /** {@code .../<name>/_layers/<alg>/<hex>/link}: the blob is linked into the repository. */
  record LayerLink(RepositoryName name, Digest digest) implements PathSpec {}

  /** {@code .../<name>/_layers/<alg>/<hex>}. */
  record LayerDir(RepositoryName name, Digest digest) implements PathSpec {}

  /** {@code .../<name>/_layers}. */
  record LayersRoot(RepositoryName name) implements PathSpec {}

  /** {@code .../<name>/_manifests}. */
  record ManifestsRoot(RepositoryName name) implements PathSpec {}

  /** {@code .../<name>/_manifests/revisions}. */
  record RevisionsRoot(RepositoryName name) implements PathSpec {}

  /** {@code .../<name>/_manifests/revisions/<alg>/<hex>/link}: the manifest is in the repository. */
  record RevisionLink(RepositoryName name, Digest digest) implements PathSpec {}

  /** {@code .../<name>/_manifests/revisions/<alg>/<hex>}. */
  record RevisionDir(RepositoryName name, Digest digest) implements PathSpec {}

  /** {@code .../<name>/_manifests/tags}. */
  record TagsRoot(RepositoryName name) implements PathSpec {}

  /** {@code .../<name>/_manifests/tags/<tag>}. */
  record TagDir(RepositoryName name, Tag tag) implements PathSpec {}

  /** {@code .../<name>/_manifests/tags/<tag>/current/link}: what the tag points at now. */
  record TagCurrentLink(RepositoryName name, Tag tag) implements PathSpec {}

  /** {@code .../<name>/_manifests/tags/<tag>/index/<alg>/<hex>/link}: the tag pointed there once. */
  record TagIndexLink(RepositoryName name, Tag tag, Digest digest) implements PathSpec {}

  /** {@code .../<name>/_manifests/tags/<tag>/index/<alg>/<hex>}: the directory of one index entry. */
  record TagIndexEntry(RepositoryName name, Tag tag, Digest digest) implements PathSpec {}

  /** {@code .../<name>/_manifests/tags/<tag>/index}. */
  record TagIndexRoot(RepositoryName name, Tag tag) implements PathSpec {}

  /** {@code .../<name>/_uploads}. */
  record UploadsRoot(RepositoryName name) implements PathSpec {}

  /** {@code .../<name>/_uploads/<id>}. */
  record UploadDir(RepositoryName name, String id) implements PathSpec {}

  /** {@code .../<name>/_uploads/<id>/data}: the bytes received so far. */
  record UploadData(RepositoryName name, String id) implements PathSpec {}

  /** {@code .../<name>/_uploads/<id>/startedat}: RFC 3339 start time. */
  record UploadStartedAt(RepositoryName name, String id) implements PathSpec {}

  /**
   * {@code .../<name>/_referrers/<alg>/<hex>}: manifests whose subject is the digest. Our
   * addition; distribution skips directories starting with {@code _} that it does not know.
   */
  record ReferrersDir(RepositoryName name, Digest subject) implements PathSpec {}

  /** {@code .../<name>/_referrers/<alg>/<hex>/<alg>/<hex>}: the directory of one referrer entry. */
  record ReferrerEntry(RepositoryName name, Digest subject, Digest referrer) implements PathSpec {}

  /** {@code .../<name>/_referrers/<alg>/<hex>/<alg>/<hex>/link}: one referrer of a subject. */
  record ReferrerLink(RepositoryName name, Digest subject, Digest referrer) implements PathSpec {}
}
