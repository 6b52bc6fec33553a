package registry.core.internal.gc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.RepositoryName;

/**
 * What one mark condemns: manifest revisions per repository, blobs, layer links whose blob is
 * gone or going, and repositories whose manifests are all gone. A collection deletes only what
 * two marks, one before and one after its notice, both condemn.
 *
 * @param manifests doomed revisions per repository, sorted
 * @param blobs doomed blobs, sorted by digest
 * @param layerLinks layer links to delete once their blob is gone, per repository
 * @param emptied repositories whose {@code _manifests} holds no file
 * @param manifestsMarked how many revisions the mark kept
 * @param blobsMarked how many blobs the mark kept
 * @param spared unmarked blobs kept for being younger than the grace period
 */
record SweepPlan(Map<RepositoryName, List<Digest>> manifests, List<BlobInfo> blobs,
    Map<RepositoryName, List<Digest>> layerLinks, Set<RepositoryName> emptied,
    int manifestsMarked, int blobsMarked, int spared) {

  /** Whether the plan deletes nothing. */
  boolean isEmpty() {
    return manifests.values().stream().allMatch(List::isEmpty) && blobs.isEmpty()
        && layerLinks.values().stream().allMatch(List::isEmpty) && emptied.isEmpty();
  }

  /** Every digest the plan names, for the notice writers look at. */
  Set<Digest> digests() {
    Set<Digest> all = new HashSet<>();
    manifests.values().forEach(all::addAll);
    blobs.forEach(b -> all.add(b.digest()));
    layerLinks.values().forEach(all::addAll);
    return all;
  }

  /** What both this plan and {@code later} condemn, with the later plan's counts. */
  SweepPlan and(SweepPlan later) {
    Map<RepositoryName, List<Digest>> manifestsBoth = both(manifests, later.manifests);
    Set<Digest> laterBlobs = new HashSet<>();
    later.blobs.forEach(b -> laterBlobs.add(b.digest()));
    List<BlobInfo> blobsBoth = blobs.stream().filter(b -> laterBlobs.contains(b.digest())).toList();
    Set<RepositoryName> emptiedBoth = new HashSet<>(emptied);
    emptiedBoth.retainAll(later.emptied);
    return new SweepPlan(manifestsBoth, blobsBoth, both(layerLinks, later.layerLinks), emptiedBoth,
        later.manifestsMarked, later.blobsMarked, later.spared);
  }

  private static Map<RepositoryName, List<Digest>> both(Map<RepositoryName, List<Digest>> a,
      Map<RepositoryName, List<Digest>> b) {
    Map<RepositoryName, List<Digest>> result = new TreeMap<>((x, y) -> x.value().compareTo(y.value()));
    for (Map.Entry<RepositoryName, List<Digest>> e : a.entrySet()) {
      List<Digest> kept = new ArrayList<>(e.getValue());
      kept.retainAll(b.getOrDefault(e.getKey(), List.of()));
      result.put(e.getKey(), kept);
    }
    return result;
  }
}
