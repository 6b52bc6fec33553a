package registry.core.internal.service;

import registry.core.Blobs;
import registry.core.Manifests;
import registry.core.Repository;
import registry.core.RepositoryName;
import registry.core.Tags;
import registry.core.Uploads;

/** A repository view over the registry's shared context. */
public final class RealRepository implements Repository {

  private final RepositoryName name;
  private final RealBlobs blobs;
  private final RealUploads uploads;
  private final RealManifests manifests;
  private final RealTags tags;

  /** A view of {@code name}; creates nothing in storage. */
  public RealRepository(RegistryContext context, RepositoryName name) {
    this.name = name;
    BlobStore blobStore = new BlobStore(context.storage());
    this.uploads = new RealUploads(context, blobStore, name);
    this.blobs = new RealBlobs(context, blobStore, uploads, name);
    this.manifests = new RealManifests(context, blobStore, name);
    this.tags = new RealTags(context, name);
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
