package registry.core.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import registry.core.BlobInfo;
import registry.core.Blobs;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.RegistryEvent;
import registry.core.RegistryException;
import registry.core.RepositoryName;
import registry.core.UploadStatus;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;

/** A repository's blobs: global content reached through the repository's {@code _layers} links. */
final class StoredBlobs implements Blobs {

  private final RegistryContext context;
  private final BlobStore blobStore;
  private final StoredUploads uploads;
  private final RepositoryName name;

  StoredBlobs(RegistryContext context, BlobStore blobStore, StoredUploads uploads, RepositoryName name) {
    this.context = context;
    this.blobStore = blobStore;
    this.uploads = uploads;
    this.name = name;
  }

  @Override
  public Optional<BlobInfo> stat(Digest digest) throws IOException {
    if (!context.links().exists(new PathSpec.LayerLink(name, digest))) {
      return Optional.empty();
    }
    return blobStore.stat(digest);
  }

  @Override
  public InputStream open(Digest digest, long offset) throws IOException {
    Optional<BlobInfo> blob = stat(digest);
    if (blob.isEmpty()) {
      throw unknown(digest);
    }
    InputStream in = blobStore.open(digest, offset);
    context.publish(RegistryEvent.Action.PULL, name, digest, StoredUploads.BLOB_MEDIA_TYPE, blob.get().size(),
        Optional.empty(), Optional.empty());
    return in;
  }

  @Override
  public Optional<URI> redirectUrl(Digest digest, String method) throws IOException {
    return context.storage().redirectUrl(method, StoragePaths.pathFor(new PathSpec.BlobData(digest)));
  }

  @Override
  public BlobInfo put(InputStream content, Digest digest) throws IOException {
    context.checkWritable();
    UploadStatus upload = uploads.start(digest.algorithm());
    boolean done = false;
    try {
      BlobInfo blob = uploads.finish(upload.id(), digest, content);
      done = true;
      return blob;
    } finally {
      if (!done) {
        uploads.cancelQuietly(upload.id());
      }
    }
  }

  @Override
  public Optional<BlobInfo> mount(Digest digest, Optional<RepositoryName> from) throws IOException {
    context.checkWritable();
    if (from.isPresent() && !context.links().exists(new PathSpec.LayerLink(from.get(), digest))) {
      return Optional.empty();
    }
    Optional<BlobInfo> blob;
    // A collection sweeping beside the mount may take the blob: then it is looked up again.
    SweepNotices.Window window = context.sweepNotices().open();
    do {
      blob = blobStore.stat(digest);
      if (blob.isEmpty()) {
        return blob;
      }
      context.links().write(new PathSpec.LayerLink(name, digest), digest);
    } while (window.overlapped(name, List.of(digest)));
    context.publish(RegistryEvent.Action.MOUNT, name, digest, StoredUploads.BLOB_MEDIA_TYPE, blob.get().size(),
        Optional.empty(), from);
    return blob;
  }

  @Override
  public void delete(Digest digest) throws IOException {
    context.checkDeletable();
    if (!context.links().deleteIfExists(new PathSpec.LayerDir(name, digest))) {
      throw unknown(digest);
    }
    context.publish(RegistryEvent.Action.DELETE, name, digest, StoredUploads.BLOB_MEDIA_TYPE, -1,
        Optional.empty(), Optional.empty());
  }

  private RegistryException unknown(Digest digest) {
    return new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in repository " + name)
        .withDetail(java.util.Map.of("digest", digest.toString()));
  }
}
