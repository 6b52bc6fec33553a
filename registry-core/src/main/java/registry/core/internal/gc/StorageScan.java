package registry.core.internal.gc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import registry.core.Digest;
import registry.core.RepositoryName;
import registry.core.Tag;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.internal.service.Links;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.WalkVisitor;

/** Reads what the collector needs from the layout: repositories, revisions, tags, links, blobs, uploads. */
final class StorageScan {

  /** A file named by a digest, with its modification time and size. */
  record Entry(Digest digest, Instant modified, long size) {}

  private final StorageDriver storage;
  private final Links links;

  StorageScan(StorageDriver storage, Links links) {
    this.storage = storage;
    this.links = links;
  }

  /** Every repository: directories holding {@code _manifests}, {@code _layers} or {@code _uploads}. */
  List<RepositoryName> repositories() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try {
      storage.walk(StoragePaths.pathFor(new PathSpec.RepositoriesRoot()), entry -> {
        if (!entry.isDirectory()) {
          return WalkVisitor.Decision.SKIP_SUBTREE;
        }
        String path = entry.path();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.startsWith("_")) {
          names.add(StoragePaths.repositoryNameOf(path.substring(0, path.lastIndexOf('/'))));
          return WalkVisitor.Decision.SKIP_SUBTREE;
        }
        return WalkVisitor.Decision.CONTINUE;
      });
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<RepositoryName> result = new ArrayList<>();
    for (String n : names) {
      if (RepositoryName.isValid(n)) {
        result.add(RepositoryName.of(n));
      }
    }
    return result;
  }

  /** The manifest revisions of a repository, by digest, with their link's time. */
  Map<Digest, Entry> revisions(RepositoryName repo) throws IOException {
    return digestLinks(StoragePaths.pathFor(new PathSpec.RevisionsRoot(repo)));
  }

  /** The layer links of a repository, by digest, with their link's time. */
  Map<Digest, Entry> layerLinks(RepositoryName repo) throws IOException {
    return digestLinks(StoragePaths.pathFor(new PathSpec.LayersRoot(repo)));
  }

  /** The manifests whose subject is {@code subject} in a repository. */
  List<Digest> referrers(RepositoryName repo, Digest subject) throws IOException {
    return new ArrayList<>(digestLinks(StoragePaths.pathFor(new PathSpec.ReferrersDir(repo, subject))).keySet());
  }

  /** The tags of a repository and the digest each points at now. */
  Map<Tag, Digest> tags(RepositoryName repo) throws IOException {
    Map<Tag, Digest> tags = new HashMap<>();
    for (String dir : listOrEmpty(StoragePaths.pathFor(new PathSpec.TagsRoot(repo)))) {
      String value = last(dir);
      if (Tag.isValid(value)) {
        Tag tag = Tag.of(value);
        links.read(new PathSpec.TagCurrentLink(repo, tag)).ifPresent(d -> tags.put(tag, d));
      }
    }
    return tags;
  }

  /** The tag-index entries of a repository: for each tag, the digests it once pointed at. */
  Map<Tag, List<Digest>> tagIndexes(RepositoryName repo) throws IOException {
    Map<Tag, List<Digest>> result = new HashMap<>();
    for (String dir : listOrEmpty(StoragePaths.pathFor(new PathSpec.TagsRoot(repo)))) {
      String value = last(dir);
      if (Tag.isValid(value)) {
        Tag tag = Tag.of(value);
        result.put(tag, new ArrayList<>(digestLinks(StoragePaths.pathFor(new PathSpec.TagIndexRoot(repo, tag))).keySet()));
      }
    }
    return result;
  }

  /** Every blob's data file, by digest. */
  Map<Digest, Entry> blobs() throws IOException {
    Map<Digest, Entry> blobs = new HashMap<>();
    try {
      storage.walk(StoragePaths.pathFor(new PathSpec.BlobsRoot()), entry -> {
        String path = entry.path();
        if (!entry.isDirectory() && path.endsWith("/data")) {
          String dir = path.substring(0, path.length() - "/data".length());
          String hex = last(dir);
          String algorithm = last(dir.substring(0, dir.lastIndexOf('/') - 3));
          Digest.tryParse(algorithm + ":" + hex)
              .ifPresent(d -> blobs.put(d, new Entry(d, entry.modified(), entry.size())));
        }
        return WalkVisitor.Decision.CONTINUE;
      });
    } catch (NoSuchFileException e) {
      // no blobs yet
    }
    return blobs;
  }

  /** The uploads of a repository with their start time (or directory time when unreadable). */
  Map<String, Instant> uploads(RepositoryName repo) throws IOException {
    Map<String, Instant> uploads = new HashMap<>();
    for (String dir : listOrEmpty(StoragePaths.pathFor(new PathSpec.UploadsRoot(repo)))) {
      String id = last(dir);
      Instant started;
      try {
        byte[] content = storage.getContent(StoragePaths.pathFor(new PathSpec.UploadStartedAt(repo, id)));
        started = Instant.parse(new String(content, StandardCharsets.US_ASCII).trim());
      } catch (NoSuchFileException | DateTimeParseException e) {
        started = modified(dir).orElse(null);
      }
      if (started != null) {
        uploads.put(id, started);
      }
    }
    return uploads;
  }

  /** Whether anything but empty directories is left under a path. */
  boolean holdsFiles(String path) throws IOException {
    boolean[] found = {false};
    try {
      storage.walk(path, entry -> {
        if (!entry.isDirectory()) {
          found[0] = true;
          return WalkVisitor.Decision.STOP;
        }
        return WalkVisitor.Decision.CONTINUE;
      });
    } catch (NoSuchFileException e) {
      return false;
    }
    return found[0];
  }

  /** Reads {@code <root>/<alg>/<hex>/link} entries below a directory. */
  private Map<Digest, Entry> digestLinks(String root) throws IOException {
    Map<Digest, Entry> result = new HashMap<>();
    for (String algorithmDir : listOrEmpty(root)) {
      for (String hexDir : listOrEmpty(algorithmDir)) {
        Optional<Digest> digest = Digest.tryParse(last(algorithmDir) + ":" + last(hexDir));
        if (digest.isEmpty()) {
          continue;
        }
        try {
          FileInfo link = storage.stat(hexDir + "/link");
          result.put(digest.get(), new Entry(digest.get(), link.modified(), link.size()));
        } catch (NoSuchFileException e) {
          // a directory without its link: half-deleted, not a live entry
        }
      }
    }
    return result;
  }

  private Optional<Instant> modified(String path) throws IOException {
    try {
      return Optional.of(storage.stat(path).modified());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private List<String> listOrEmpty(String path) throws IOException {
    try {
      return storage.list(path);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
