package registry.core.internal.gc;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import registry.core.RepositoryName;
import registry.core.gc.GcReport;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.internal.service.RegistryContext;

/**
 * Removes uploads started before a limit, with everything they left (as distribution's
 * {@code uploadpurging}). Storage drivers that keep extra state for an unfinished writer (S3
 * multipart uploads) drop it when the upload's directory is deleted.
 */
public final class UploadPurge {

  private final RegistryContext context;
  private final StorageScan scan;

  public UploadPurge(RegistryContext context) {
    this.context = context;
    this.scan = new StorageScan(context.storage(), context.links());
  }

  /** The uploads of these repositories started before {@code limit}. */
  List<GcReport.PurgedUpload> stale(List<RepositoryName> repositories, Instant limit) throws IOException {
    List<GcReport.PurgedUpload> stale = new ArrayList<>();
    for (RepositoryName repo : repositories) {
      for (Map.Entry<String, Instant> upload : scan.uploads(repo).entrySet()) {
        if (upload.getValue().isBefore(limit)) {
          stale.add(new GcReport.PurgedUpload(repo, upload.getKey()));
        }
      }
    }
    return stale;
  }

  /** Deletes the given uploads. */
  void delete(List<GcReport.PurgedUpload> uploads) throws IOException {
    for (GcReport.PurgedUpload upload : uploads) {
      try {
        context.storage().delete(StoragePaths.pathFor(new PathSpec.UploadDir(upload.repository(), upload.id())));
      } catch (NoSuchFileException e) {
        // finished or cancelled meanwhile
      }
    }
  }

  /** Finds, and unless {@code dryRun} deletes, every upload started before {@code limit}. */
  public List<GcReport.PurgedUpload> run(Instant limit, boolean dryRun) throws IOException {
    List<GcReport.PurgedUpload> stale = stale(scan.repositories(), limit);
    if (!dryRun) {
      delete(stale);
    }
    return stale;
  }
}
