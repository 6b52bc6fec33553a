package registry.core.internal.gc;

import java.io.IOException;
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
import registry.core.internal.layout.Layout;
import registry.core.internal.layout.PathSpec;
import registry.core.internal.service.GcJournal;
import registry.core.internal.service.RegistryContext;
import registry.core.spi.StorageDriver;

/**
 * One garbage collection: mark what manifests keep, then sweep what nothing keeps and is older
 * than the grace period. Safe while pushes go on: see {@link GcJournal} and the grace rule.
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
    GcJournal journal = context.gcJournal();
    journal.start();
    try {
      List<RepositoryName> repositories = scan.repositories();
      Set<Digest> markedBlobs = new HashSet<>();
      Map<RepositoryName, List<Digest>> doomedManifests = new HashMap<>();
      Map<Digest, Instant> newestLayerLink = new HashMap<>();
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
        for (StorageScan.Entry link : scan.layerLinks(repo).values()) {
          newestLayerLink.merge(link.digest(), link.modified(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }

      List<GcReport.DeletedManifest> deletedManifests = new ArrayList<>();
      for (RepositoryName repo : repositories) {
        for (Digest d : doomedManifests.get(repo)) {
          deletedManifests.add(new GcReport.DeletedManifest(repo, d));
        }
      }

      // Blobs nothing marks, older than the grace period, whose links are old too.
      List<BlobInfo> doomedBlobs = new ArrayList<>();
      int spared = 0;
      for (StorageScan.Entry blob : scan.blobs().values()) {
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

      UploadPurge uploads = new UploadPurge(context);
      List<GcReport.PurgedUpload> purged = options.purgeUploads()
          ? uploads.stale(repositories, started.minus(options.uploadMaxAge()))
          : List.of();

      List<BlobInfo> deletedBlobs = doomedBlobs;
      if (!options.dryRun()) {
        deleteManifests(doomedManifests);
        deletedBlobs = deleteBlobs(doomedBlobs, journal);
        deleteDanglingLayerLinks(repositories, graceLimit);
        uploads.delete(purged);
        deleteEmptyRepositories(repositories);
      }
      long bytes = deletedBlobs.stream().mapToLong(BlobInfo::size).sum();
      return new GcReport(options.dryRun(), repositories.size(), manifestsMarked, markedBlobs.size(),
          deletedManifests, deletedBlobs, bytes, purged, spared, Duration.between(started, clock.instant()));
    } finally {
      journal.stop();
    }
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
      byte[] bytes = storage.getContent(Layout.pathFor(new PathSpec.BlobData(digest)));
      return Optional.of(Manifest.readStored(bytes, digest));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "garbage collection skips unreadable manifest " + digest + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private void deleteManifests(Map<RepositoryName, List<Digest>> doomed) throws IOException {
    for (Map.Entry<RepositoryName, List<Digest>> e : doomed.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      RepositoryName repo = e.getKey();
      Map<Tag, Digest> tags = scan.tags(repo);
      Map<Tag, List<Digest>> indexes = scan.tagIndexes(repo);
      for (Digest d : e.getValue()) {
        if (tags.containsValue(d)) {
          continue; // tagged since we marked: keep it
        }
        Optional<Manifest> manifest = load(d);
        for (Map.Entry<Tag, List<Digest>> index : indexes.entrySet()) {
          if (index.getValue().contains(d)) {
            deleteQuietly(Layout.pathFor(new PathSpec.TagIndexEntry(repo, index.getKey(), d)));
          }
        }
        if (manifest.isPresent() && manifest.get().subject().isPresent()) {
          deleteQuietly(Layout.pathFor(new PathSpec.ReferrerEntry(repo, manifest.get().subject().get().digest(), d)));
        }
        deleteQuietly(Layout.pathFor(new PathSpec.RevisionDir(repo, d)));
        context.manifestCache().remove(d);
      }
    }
  }

  /** Deletes under the sweep lock, sparing what pushes in this JVM referenced meanwhile. */
  private List<BlobInfo> deleteBlobs(List<BlobInfo> doomed, GcJournal journal) throws IOException {
    List<BlobInfo> deleted = new ArrayList<>();
    journal.sweepSide().lock();
    try {
      Set<Digest> referencedMeanwhile = journal.snapshot();
      for (BlobInfo blob : doomed) {
        if (referencedMeanwhile.contains(blob.digest())) {
          continue;
        }
        context.manifestCache().remove(blob.digest());
        if (deleteQuietly(Layout.pathFor(new PathSpec.BlobDir(blob.digest())))) {
          deleted.add(blob);
        }
      }
    } finally {
      journal.sweepSide().unlock();
    }
    return deleted;
  }

  private void deleteDanglingLayerLinks(List<RepositoryName> repositories, Instant graceLimit) throws IOException {
    for (RepositoryName repo : repositories) {
      for (StorageScan.Entry link : scan.layerLinks(repo).values()) {
        if (link.modified().isBefore(graceLimit) && !blobExists(link.digest())) {
          deleteQuietly(Layout.pathFor(new PathSpec.LayerDir(repo, link.digest())));
        }
      }
    }
  }

  private void deleteEmptyRepositories(List<RepositoryName> repositories) throws IOException {
    for (RepositoryName repo : repositories) {
      String root = Layout.pathFor(new PathSpec.RepositoryRoot(repo));
      if (!scan.holdsFiles(root)) {
        deleteQuietly(root);
      }
    }
  }

  private boolean blobExists(Digest digest) throws IOException {
    try {
      storage.stat(Layout.pathFor(new PathSpec.BlobData(digest)));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private boolean deleteQuietly(String path) throws IOException {
    try {
      storage.delete(path);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
