package registry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;

/**
 * What clients were told succeeded: the tags and manifest revisions of each repository as the
 * acknowledged pushes, retags and deletes left them. A collection may take anything else.
 */
final class AcknowledgedModel {

  private final boolean untaggedMayGo;
  private final Map<String, Map<String, Digest>> tags = new TreeMap<>();
  private final Map<String, Set<Digest>> revisions = new TreeMap<>();
  private final Map<Digest, List<Digest>> children = new TreeMap<>();

  /** With {@code untaggedMayGo}, manifests no tag keeps are collectable, as with delete-untagged. */
  AcknowledgedModel(boolean untaggedMayGo) {
    this.untaggedMayGo = untaggedMayGo;
  }

  synchronized void put(String repo, Manifest manifest, Optional<String> tag) {
    revisions.computeIfAbsent(repo, r -> new HashSet<>()).add(manifest.digest());
    children.put(manifest.digest(), manifest.manifests().stream().map(Descriptor::digest).toList());
    tag.ifPresent(t -> tags.computeIfAbsent(repo, r -> new TreeMap<>()).put(t, manifest.digest()));
  }

  synchronized void tagDeleted(String repo, String tag) {
    tags.getOrDefault(repo, Map.of()).remove(tag);
  }

  /** Deleting a manifest deletes the tags that name it. */
  synchronized void manifestDeleted(String repo, Digest digest) {
    revisions.getOrDefault(repo, Set.of()).remove(digest);
    tags.getOrDefault(repo, Map.of()).values().removeIf(digest::equals);
  }

  synchronized Map<String, Digest> tags(String repo) {
    return new TreeMap<>(tags.getOrDefault(repo, Map.of()));
  }

  synchronized List<Digest> revisions(String repo) {
    List<Digest> list = new ArrayList<>(revisions.getOrDefault(repo, Set.of()));
    list.sort(null);
    return list;
  }

  /** Revisions that no acknowledged index in the repository names as a child: safe to delete. */
  synchronized List<Digest> deletableRevisions(String repo) {
    Set<Digest> named = new HashSet<>();
    for (Digest d : revisions.getOrDefault(repo, Set.of())) {
      named.addAll(children.getOrDefault(d, List.of()));
    }
    List<Digest> result = new ArrayList<>();
    for (Digest d : revisions(repo)) {
      if (!named.contains(d)) {
        result.add(d);
      }
    }
    return result;
  }

  /**
   * Whether a collection must keep the manifest: what a tag names, every revision unless
   * untagged ones may go, and the children of what is kept.
   */
  synchronized boolean mustKeep(String repo, Digest digest) {
    java.util.ArrayDeque<Digest> queue = new java.util.ArrayDeque<>(tags.getOrDefault(repo, Map.of()).values());
    if (!untaggedMayGo) {
      queue.addAll(revisions.getOrDefault(repo, Set.of()));
    }
    Set<Digest> kept = new HashSet<>();
    while (!queue.isEmpty()) {
      Digest d = queue.poll();
      if (kept.add(d)) {
        queue.addAll(children.getOrDefault(d, List.of()));
      }
    }
    return kept.contains(digest);
  }

  /**
   * Checks that every acknowledged tag names its manifest, and that what must be kept pulls
   * intact: the manifest's bytes, its blobs and its children, read back through
   * {@code registry} (a fresh instance, so no cache hides a loss).
   */
  void check(Registry registry) throws IOException {
    Map<String, Map<String, Digest>> tagsNow;
    Map<String, List<Digest>> keptNow = new TreeMap<>();
    synchronized (this) {
      tagsNow = new TreeMap<>();
      tags.forEach((repo, t) -> tagsNow.put(repo, new TreeMap<>(t)));
      for (String repo : revisions.keySet()) {
        keptNow.put(repo, untaggedMayGo ? List.of() : revisions(repo));
      }
    }
    for (Map.Entry<String, Map<String, Digest>> repoTags : tagsNow.entrySet()) {
      Repository repo = registry.repository(repoTags.getKey());
      for (Map.Entry<String, Digest> tag : repoTags.getValue().entrySet()) {
        Optional<Manifest> m = repo.manifests().get(Reference.parse(tag.getKey()));
        assertThat(m).as("acknowledged tag %s:%s", repo.name(), tag.getKey()).isPresent();
        assertThat(m.get().digest()).as("tag %s:%s", repo.name(), tag.getKey()).isEqualTo(tag.getValue());
        assertPullsIntact(repo, tag.getValue());
      }
    }
    for (Map.Entry<String, List<Digest>> kept : keptNow.entrySet()) {
      Repository repo = registry.repository(kept.getKey());
      for (Digest d : kept.getValue()) {
        assertPullsIntact(repo, d);
      }
    }
  }

  private static void assertPullsIntact(Repository repo, Digest digest) throws IOException {
    Optional<Manifest> m = repo.manifests().get(Reference.of(digest));
    assertThat(m).as("acknowledged manifest %s@%s", repo.name(), digest).isPresent();
    for (Descriptor blob : m.get().blobReferences()) {
      try (InputStream in = repo.blobs().open(blob.digest(), 0)) {
        assertThat(Digest.sha256(in.readAllBytes())).as("blob %s of %s@%s", blob.digest(), repo.name(), digest)
            .isEqualTo(blob.digest());
      }
    }
    for (Descriptor child : m.get().manifests()) {
      assertPullsIntact(repo, child.digest());
    }
  }
}
