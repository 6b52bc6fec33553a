package registry.storage.s3.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import registry.core.spi.FileInfo;
import registry.core.spi.WalkVisitor;
import registry.core.spi.WalkVisitor.Decision;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A walk from one flat listing (1,000 keys a request) instead of a listing per directory plus a
 * stat per file. Keys arrive sorted, so the keys below a directory arrive together: a directory
 * is visited when its first key arrives, before anything in it, and the chain of directories
 * open around the current key is all the walk keeps. A skipped subtree that runs past the end of
 * a page is jumped over with {@code StartAfter} rather than paged through.
 */
final class Walker {

  /**
   * Sorts after every character of a valid path: {@code StartAfter} past a skipped subtree. Not
   * {@code U+FFFF}, which servers echo back in XML, where it is not a legal character.
   */
  private static final char REPLACEMENT_CHARACTER = '\uFFFD';

  private final Bucket bucket;
  private final Keys keys;

  Walker(Bucket bucket, Keys keys) {
    this.bucket = bucket;
    this.keys = keys;
  }

  void walk(String path, WalkVisitor visitor) throws IOException {
    String base = keys.directory(path);
    String basePath = path.equals("/") ? "" : path;
    List<String> open = new ArrayList<>();
    String skip = null;
    boolean any = false;
    String token = null;
    String startAfter = null;
    do {
      ListObjectsV2Response page = bucket.list(base, null, token, startAfter);
      startAfter = null;
      for (S3Object o : page.contents()) {
        any = true;
        if (skip != null && o.key().startsWith(skip)) {
          continue;
        }
        skip = null;
        Step step = visitKey(o, base, basePath, open, visitor);
        if (step.stop) {
          return;
        }
        skip = step.skip;
      }
      token = page.nextContinuationToken();
      if (token != null && skip != null) {
        startAfter = skip + REPLACEMENT_CHARACTER;
        token = null;
      }
    } while (token != null || startAfter != null);
    if (!any && !path.equals("/")) {
      if (isFile(keys.file(path))) {
        throw new NotDirectoryException(path);
      }
      throw new NoSuchFileException(path);
    }
  }

  /** What visiting a key asked for: to stop, or to skip keys starting with {@code skip}. */
  private record Step(boolean stop, String skip) {
    static final Step GO_ON = new Step(false, null);
  }

  private Step visitKey(S3Object o, String base, String basePath, List<String> open, WalkVisitor visitor)
      throws IOException {
    String[] parts = o.key().substring(base.length()).split("/", -1);
    int depth = parts.length - 1;
    String fileName = parts[depth];
    boolean segmented = false;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!Keys.isComponent(parts[i])) {
        Optional<String> file = Keys.fileOfSidecar(parts[i]);
        if (file.isEmpty() || i != parts.length - 2) {
          return Step.GO_ON; // not a key of ours: nothing to show
        }
        depth = i; // <file>~parts/<piece>: a file in the directory of its sidecar
        fileName = file.get();
        segmented = true;
        break;
      }
    }
    String dir = basePath;
    for (int i = 0; i < depth; i++) {
      dir = dir + "/" + parts[i];
      if (i < open.size()) {
        if (open.get(i).equals(dir)) {
          continue;
        }
        open.subList(i, open.size()).clear();
      }
      Decision d = visitor.visit(new FileInfo(dir, 0, modified(o), true));
      if (d == Decision.STOP) {
        return new Step(true, null);
      }
      if (d == Decision.SKIP_SUBTREE) {
        return new Step(false, keys.directory(dir));
      }
      open.add(dir);
    }
    if (open.size() > depth) {
      open.subList(depth, open.size()).clear();
    }
    if (!Keys.isComponent(fileName)) {
      return Step.GO_ON; // a directory marker ("dir/") or a foreign key
    }
    String filePath = dir + "/" + fileName;
    FileInfo info = new FileInfo(filePath, o.size(), modified(o), false);
    String skip = null;
    if (segmented) {
      String fileKey = keys.file(filePath);
      skip = Keys.sidecar(fileKey); // one visit for the whole sidecar
      Optional<SegmentedFile> state = bucket.head(fileKey).isPresent() ? Optional.empty()
          : SegmentedFile.load(bucket, fileKey);
      if (state.isEmpty()) {
        return new Step(false, skip); // the object is the file (listed on its own), or no state
      }
      info = new FileInfo(filePath, state.get().size(), state.get().modified(), false);
    }
    return visitor.visit(info) == Decision.STOP ? new Step(true, null) : new Step(false, skip);
  }

  private boolean isFile(String fileKey) throws IOException {
    return bucket.head(fileKey).isPresent() || SegmentedFile.load(bucket, fileKey).isPresent();
  }

  private static Instant modified(S3Object o) {
    return o.lastModified() == null ? Instant.EPOCH : o.lastModified();
  }
}
