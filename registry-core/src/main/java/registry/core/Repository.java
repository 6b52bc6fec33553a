package registry.core;

/**
 * One repository of a {@link Registry}: its blobs, uploads, manifests and tags. Cheap to get;
 * holds no state of its own.
 */
public interface Repository {

  /** The repository's name. */
  RepositoryName name();

  /** The blobs linked into this repository. */
  Blobs blobs();

  /** Uploads in progress in this repository. */
  Uploads uploads();

  /** Manifests by tag and digest. */
  Manifests manifests();

  /** Tags. */
  Tags tags();
}
