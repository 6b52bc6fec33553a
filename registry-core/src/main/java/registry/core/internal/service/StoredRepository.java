package registry.core.internal.service;

import registry.core.Blobs;
import registry.core.Manifests;
import registry.core.Repository;
import registry.core.RepositoryName;
import registry.core.Tags;
import registry.core.Uploads;

/** A {@link Repository} whose state is all in storage, viewed over the registry's shared context. */
public final class StoredRepository implements Repository {

  private final RepositoryName name;
  private final StoredBlobs blobs;
  private final StoredUploads uploads;
  private final StoredManifests manifests;
  private final StoredTags tags;

  private final RegistryContext context;

  /** A view of {@code name} whose housekeeping runs at once; creates nothing in storage. */
  public StoredRepository(RegistryContext context, RepositoryName name) {
    this(context, name, AfterResponse.NOW);
  }

  private StoredRepository(RegistryContext context, RepositoryName name, AfterResponse later) {
    this.context = context;
    this.name = name;
    BlobStore blobStore = new BlobStore(context.storage());
    this.uploads = new StoredUploads(context, blobStore, name, later);
    this.blobs = new StoredBlobs(context, blobStore, uploads, name);
    this.manifests = new StoredManifests(context, blobStore, name);
    this.tags = new StoredTags(context, name);
  }

  /** The same repository, leaving housekeeping its caller need not wait for to {@code later}. */
  public StoredRepository leavingHousekeepingTo(AfterResponse later) {
    return new StoredRepository(context, name, later);
  }

  @Override
  public RepositoryName name() {
    return name;
  }

  @Override
  public Blobs blobs() {
    return blobs;
  }

  @Override
  public Uploads uploads() {
    return uploads;
  }

  @Override
  public Manifests manifests() {
    return manifests;
  }

  @Override
  public Tags tags() {
    return tags;
  }

  @Override
  public String toString() {
    return "Repository{" + name + "}";
  }
}
