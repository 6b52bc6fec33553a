package registry.core.internal.gc;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import registry.core.BlobInfo;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.RepositoryName;
import registry.core.Tag;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.internal.service.RegistryContext;
import registry.core.internal.service.SweepNotices;
import registry.core.spi.StorageDriver;

/**
 * One garbage collection: mark what manifests keep, then sweep what nothing keeps and is older
 * than the grace period. Safe while pushes go on, on any instance: see {@link SweepNotices}.
 */
public final class MarkAndSweep {

  private static final System.Logger LOG = System.getLogger(MarkAndSweep.class.getName());

  private final RegistryContext context;
  private final StorageDriver storage;
  private final GcOptions options;
  private final Clock clock;
  private final StorageScan scan;

  public MarkAndSweep(RegistryContext context, GcOptions options, Clock clock) {
    this.context = context;
    this.storage = context.storage();
    this.options = options;
    this.clock = clock;
    this.scan = new StorageScan(storage, context.links());
  }

  /** Runs the collection. */
  public GcReport run() throws IOException {
    Instant started = clock.instant();
    Instant graceLimit = started.minus(options.gracePeriod());
    List<RepositoryName> repositories = scan.repositories();
    SweepPlan plan = plan(repositories, graceLimit);
    UploadPurge uploads = new UploadPurge(context);
    List<GcReport.PurgedUpload> purged = options.purgeUploads()
        ? uploads.stale(repositories, started.minus(options.uploadMaxAge()))
        : List.of();
    List<GcReport.DeletedManifest> deletedManifests = listed(plan.manifests());
    List<BlobInfo> deletedBlobs = plan.blobs();
    if (!options.dryRun()) {
      if (!plan.isEmpty()) {
        // Writes made after the first mark are seen by the second, or see the notice.
        try (SweepNotices.Notice notice = context.sweepNotices().publish(plan.digests(), plan.emptied())) {
          plan = plan.and(plan(scan.repositories(), graceLimit));
          Sweep sweep = new Sweep(notice);
          sweep.run(plan, graceLimit);
          deletedManifests = sweep.manifests;
          deletedBlobs = sweep.blobs;
        }
      }
      uploads.delete(purged);
    }
    long bytes = deletedBlobs.stream().mapToLong(BlobInfo::size).sum();
    return new GcReport(options.dryRun(), repositories.size(), plan.manifestsMarked(), plan.blobsMarked(),
        deletedManifests, deletedBlobs, bytes, purged, plan.spared(), Duration.between(started, clock.instant()));
  }

  /** One mark: what the storage holds now condemns. */
  private SweepPlan plan(List<RepositoryName> repositories, Instant graceLimit) throws IOException {
    Set<Digest> markedBlobs = new HashSet<>();
    Map<RepositoryName, List<Digest>> doomedManifests = new HashMap<>();
    Map<RepositoryName, Map<Digest, StorageScan.Entry>> layerLinks = new HashMap<>();
    Map<Digest, Instant> newestLayerLink = new HashMap<>();
    Set<RepositoryName> emptied = new HashSet<>();
    int manifestsMarked = 0;
    for (RepositoryName repo : repositories) {
      Map<Digest, StorageScan.Entry> revisions = scan.revisions(repo);
      Set<Digest> kept = markRepository(repo, revisions, graceLimit, markedBlobs);
      manifestsMarked += kept.size();
      List<Digest> doomed = new ArrayList<>();
      for (Digest d : revisions.keySet()) {
        if (!kept.contains(d)) {
          doomed.add(d);
        }
      }
      doomed.sort(null);
      doomedManifests.put(repo, doomed);
      Map<Digest, StorageScan.Entry> links = scan.layerLinks(repo);
      layerLinks.put(repo, links);
      for (StorageScan.Entry link : links.values()) {
        newestLayerLink.merge(link.digest(), link.modified(), (a, b) -> a.isAfter(b) ? a : b);
      }
      String manifestsRoot = StoragePaths.pathFor(new PathSpec.ManifestsRoot(repo));
      if (revisions.isEmpty() && exists(manifestsRoot) && !scan.holdsFiles(manifestsRoot)) {
        emptied.add(repo);
      }
    }

    // Blobs nothing marks, older than the grace period, whose links are old too.
    Map<Digest, StorageScan.Entry> blobs = scan.blobs();
    List<BlobInfo> doomedBlobs = new ArrayList<>();
    int spared = 0;
    for (StorageScan.Entry blob : blobs.values()) {
      if (markedBlobs.contains(blob.digest())) {
        continue;
      }
      Instant link = newestLayerLink.get(blob.digest());
      if (blob.modified().isAfter(graceLimit) || (link != null && link.isAfter(graceLimit))) {
        spared++;
      } else {
        doomedBlobs.add(new BlobInfo(blob.digest(), blob.size()));
      }
    }
    doomedBlobs.sort((a, b) -> a.digest().compareTo(b.digest()));
    Set<Digest> going = new HashSet<>();
    doomedBlobs.forEach(b -> going.add(b.digest()));

    // Old layer links whose blob is missing, or is about to be.
    Map<RepositoryName, List<Digest>> danglingLinks = new HashMap<>();
    for (Map.Entry<RepositoryName, Map<Digest, StorageScan.Entry>> repo : layerLinks.entrySet()) {
      List<Digest> dangling = new ArrayList<>();
      for (StorageScan.Entry link : repo.getValue().values()) {
        boolean blobGone = going.contains(link.digest()) || !blobs.containsKey(link.digest());
        if (link.modified().isBefore(graceLimit) && blobGone) {
          dangling.add(link.digest());
        }
      }
      dangling.sort(null);
      danglingLinks.put(repo.getKey(), dangling);
    }
    return new SweepPlan(doomedManifests, doomedBlobs, danglingLinks, emptied, manifestsMarked, markedBlobs.size(),
        spared);
  }

  private static List<GcReport.DeletedManifest> listed(Map<RepositoryName, List<Digest>> manifests) {
    List<GcReport.DeletedManifest> list = new ArrayList<>();
    manifests.entrySet().stream().sorted((a, b) -> a.getKey().value().compareTo(b.getKey().value()))
        .forEach(e -> e.getValue().forEach(d -> list.add(new GcReport.DeletedManifest(e.getKey(), d))));
    return list;
  }

  /**
   * Marks the manifests a repository keeps and the blobs they reference; returns the kept
   * manifest digests. Roots are every revision (or, deleting untagged, the tagged ones), plus
   * every revision younger than the grace period; an untagged referrer whose subject is gone is
   * no root. Children of kept indexes and referrers of kept manifests are kept.
   */
  private Set<Digest> markRepository(RepositoryName repo, Map<Digest, StorageScan.Entry> revisions,
      Instant graceLimit, Set<Digest> markedBlobs) throws IOException {
    Set<Digest> tagged = new HashSet<>(scan.tags(repo).values());
    Deque<Digest> queue = new ArrayDeque<>();
    for (StorageScan.Entry revision : revisions.values()) {
      Digest d = revision.digest();
      boolean young = revision.modified().isAfter(graceLimit);
      boolean root;
      if (young || tagged.contains(d)) {
        root = true;
      } else if (options.deleteUntagged()) {
        root = false;
      } else {
        Optional<Manifest> m = load(d);
        root = m.isEmpty() || m.get().subject().isEmpty() || revisions.containsKey(m.get().subject().get().digest());
      }
      if (root) {
        queue.add(d);
      }
    }
    Set<Digest> kept = new HashSet<>();
    while (!queue.isEmpty()) {
      Digest d = queue.poll();
      if (!kept.add(d)) {
        continue;
      }
      markedBlobs.add(d);
      Optional<Manifest> manifest = load(d);
      if (manifest.isPresent()) {
        for (Descriptor blob : manifest.get().blobReferences()) {
          markedBlobs.add(blob.digest());
        }
        for (Descriptor child : manifest.get().manifests()) {
          if (revisions.containsKey(child.digest())) {
            queue.add(child.digest());
          } else {
            markedBlobs.add(child.digest());
          }
        }
      }
      for (Digest referrer : scan.referrers(repo, d)) {
        if (revisions.containsKey(referrer)) {
          queue.add(referrer);
        }
      }
    }
    return kept;
  }

  private Optional<Manifest> load(Digest digest) throws IOException {
    try {
      byte[] bytes = storage.getContent(StoragePaths.pathFor(new PathSpec.BlobData(digest)));
      return Optional.of(Manifest.readStored(bytes, digest));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "garbage collection skips unreadable manifest " + digest + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The deletions of one collection under its notice: each checks first that the notice still
   * holds, and the collection stops deleting when it does not.
   */
  private final class Sweep {
    private final SweepNotices.Notice notice;
    private final List<GcReport.DeletedManifest> manifests = new ArrayList<>();
    private final List<BlobInfo> blobs = new ArrayList<>();
    /** Manifests a write restored while they were deleted, and the blobs they name. */
    private final Set<Digest> rewritten = new HashSet<>();

    Sweep(SweepNotices.Notice notice) {
      this.notice = notice;
    }

    void run(SweepPlan plan, Instant graceLimit) throws IOException {
      if (deleteManifests(plan.manifests()) && deleteBlobs(plan.blobs())
          && deleteDanglingLayerLinks(plan.layerLinks(), graceLimit)) {
        deleteEmptied(plan.emptied());
      }
    }

    private boolean deleteManifests(Map<RepositoryName, List<Digest>> doomed) throws IOException {
      for (Map.Entry<RepositoryName, List<Digest>> e : doomed.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        RepositoryName repo = e.getKey();
        Map<Tag, List<Digest>> indexes = scan.tagIndexes(repo);
        for (Digest d : e.getValue()) {
          if (!holds(d)) {
            return false;
          }
          Optional<Manifest> manifest = load(d);
          for (Map.Entry<Tag, List<Digest>> index : indexes.entrySet()) {
            if (index.getValue().contains(d)) {
              deleteQuietly(StoragePaths.pathFor(new PathSpec.TagIndexEntry(repo, index.getKey(), d)));
            }
          }
          if (manifest.isPresent() && manifest.get().subject().isPresent()) {
            deleteQuietly(StoragePaths.pathFor(new PathSpec.ReferrerEntry(repo, manifest.get().subject().get().digest(), d)));
          }
          try {
            if (deleteOrAbsent(StoragePaths.pathFor(new PathSpec.RevisionDir(repo, d)))) {
              manifests.add(new GcReport.DeletedManifest(repo, d));
            }
          } catch (DirectoryNotEmptyException raced) {
            // A write put the link back while it went: the manifest stays, and so, this run,
            // does every blob it names (the write checks them again once the notice is gone).
            LOG.log(System.Logger.Level.DEBUG, "garbage collection keeps " + repo + "@" + d + ": written to meanwhile");
            manifest.ifPresent(m -> m.blobReferences().forEach(b -> rewritten.add(b.digest())));
            rewritten.add(d);
          }
          context.manifestCache().remove(d);
        }
      }
      return true;
    }

    private boolean deleteBlobs(List<BlobInfo> doomed) throws IOException {
      for (BlobInfo blob : doomed) {
        if (!holds(blob.digest())) {
          return false;
        }
        if (rewritten.contains(blob.digest())) {
          continue;
        }
        context.manifestCache().remove(blob.digest());
        if (deleteQuietly(StoragePaths.pathFor(new PathSpec.BlobDir(blob.digest())))) {
          blobs.add(blob);
        }
      }
      return true;
    }

    private boolean deleteDanglingLayerLinks(Map<RepositoryName, List<Digest>> links, Instant graceLimit)
        throws IOException {
      for (Map.Entry<RepositoryName, List<Digest>> e : links.entrySet()) {
        for (Digest d : e.getValue()) {
          if (!holds(d)) {
            return false;
          }
          if (!blobExists(d)) {
            deleteQuietly(StoragePaths.pathFor(new PathSpec.LayerDir(e.getKey(), d)));
          }
        }
      }
      return true;
    }

    /** Removes {@code _manifests} of repositories left without manifests, so the catalog drops them. */
    private void deleteEmptied(Set<RepositoryName> emptied) throws IOException {
      for (RepositoryName repo : emptied) {
        if (!notice.names(repo) || !notice.holds()) {
          return;
        }
        deleteQuietly(StoragePaths.pathFor(new PathSpec.ManifestsRoot(repo)));
      }
    }

    /** Whether the digest may still be deleted: announced, and the notice still holds. */
    private boolean holds(Digest digest) throws IOException {
      if (!notice.names(digest)) {
        throw new IllegalStateException("collection would delete " + digest + ", which its notice does not name");
      }
      if (notice.holds()) {
        return true;
      }
      LOG.log(System.Logger.Level.WARNING, "garbage collection stalled past its notice's lease; it deletes nothing "
          + "more this run");
      return false;
    }
  }

  private boolean blobExists(Digest digest) throws IOException {
    return exists(StoragePaths.pathFor(new PathSpec.BlobData(digest)));
  }

  /**
   * Deletes, reporting whether anything was there. A directory that a write filled meanwhile
   * stays (the write then saw the notice and writes again what it needs).
   */
  private boolean deleteQuietly(String path) throws IOException {
    try {
      return deleteOrAbsent(path);
    } catch (DirectoryNotEmptyException e) {
      LOG.log(System.Logger.Level.DEBUG, "garbage collection leaves " + path + ": written to meanwhile");
      return false;
    }
  }

  /**
   * Deletes, reporting whether anything was there.
   *
   * @throws DirectoryNotEmptyException when a write filled the directory while it was deleted
   */
  private boolean deleteOrAbsent(String path) throws IOException {
    try {
      storage.delete(path);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private boolean exists(String path) throws IOException {
    try {
      storage.stat(path);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
