package registry.core.gc;

import java.time.Duration;
import java.util.List;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.RepositoryName;

/**
 * What a garbage collection found and did (or, on a dry run, would have done).
 *
 * @param dryRun whether anything was deleted
 * @param repositories repositories scanned
 * @param manifestsMarked manifests kept
 * @param blobsMarked distinct blobs (manifests, configs, layers) kept
 * @param deletedManifests manifests deleted (or that would be)
 * @param deletedBlobs blobs deleted (or that would be), with their sizes
 * @param bytesFreed the sum of the deleted blobs' sizes
 * @param purgedUploads uploads purged (or that would be)
 * @param blobsSparedByGrace unreferenced blobs kept because they are younger than the grace period
 * @param elapsed how long the collection took
 */
public record GcReport(boolean dryRun, int repositories, int manifestsMarked, int blobsMarked,
    List<DeletedManifest> deletedManifests, List<BlobInfo> deletedBlobs, long bytesFreed,
    List<PurgedUpload> purgedUploads, int blobsSparedByGrace, Duration elapsed) {

  /** Copies the lists. */
  public GcReport {
    deletedManifests = List.copyOf(deletedManifests);
    deletedBlobs = List.copyOf(deletedBlobs);
    purgedUploads = List.copyOf(purgedUploads);
  }

  /**
   * A manifest removed from a repository.
   *
   * @param repository the repository
   * @param digest the manifest's digest
   */
  public record DeletedManifest(RepositoryName repository, Digest digest) {}

  /**
   * An upload purged for its age.
   *
   * @param repository the repository
   * @param id the upload id
   */
  public record PurgedUpload(RepositoryName repository, String id) {}

  /** One line for people: the counts and bytes. */
  public String summary() {
    return String.format("%s%d repositories, %d manifests and %d blobs marked; %d manifests and %d blobs (%d bytes) %s;"
            + " %d uploads %s; %d unreferenced blobs spared by the grace period; %d ms",
        dryRun ? "dry run: " : "", repositories, manifestsMarked, blobsMarked, deletedManifests.size(),
        deletedBlobs.size(), bytesFreed, dryRun ? "would be deleted" : "deleted", purgedUploads.size(),
        dryRun ? "would be purged" : "purged", blobsSparedByGrace, elapsed.toMillis());
  }
}
