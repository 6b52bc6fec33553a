package registry.storage.s3.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import registry.core.spi.FileInfo;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The directory view of a flat key space: directories exist while a key lies below them, listings
 * page with continuation tokens, and a sidecar {@code <name>~parts/} shows as the file
 * {@code <name>}. Prefixes that select content end in {@code /}, so {@code /a} never reaches
 * {@code /ab} or {@code /a-b} (the {@code -} sorts before {@code /}, a classic trap for prefix
 * listings).
 */
final class Tree {

  /** What a listing of a key's own prefix found there. */
  record Found(boolean object, boolean directory, boolean pieces) {
    boolean any() {
      return object || directory || pieces;
    }
  }

  private final Bucket bucket;
  private final Keys keys;

  Tree(Bucket bucket, Keys keys) {
    this.bucket = bucket;
    this.keys = keys;
  }

  /**
   * What exists at {@code path}: its object, keys below {@code path/}, its sidecar. One listing
   * with a delimiter answers all three, a page per thousand siblings whose names start with the
   * path's name ({@code v1} has {@code v1.0}, {@code v1.1}, ...; rarely more than a page).
   */
  Found find(String path) throws IOException {
    String fileKey = keys.file(path);
    String below = fileKey + "/";
    String sidecar = Keys.sidecar(fileKey);
    boolean object = false;
    boolean directory = false;
    boolean pieces = false;
    String token = null;
    do {
      ListObjectsV2Response page = bucket.list(fileKey, "/", token, null);
      for (S3Object o : page.contents()) {
        object |= o.key().equals(fileKey);
      }
      for (CommonPrefix p : page.commonPrefixes()) {
        directory |= p.prefix().equals(below);
        pieces |= p.prefix().equals(sidecar);
      }
      token = page.nextContinuationToken();
    } while (token != null);
    return new Found(object, directory, pieces);
  }

  /** A directory's description. */
  static FileInfo directory(String path) {
    return new FileInfo(path, 0, Instant.EPOCH, true);
  }

  /** The direct children of a directory as full paths. */
  List<String> list(String path) throws IOException {
    String prefix = keys.directory(path);
    Set<String> children = new LinkedHashSet<>();
    boolean exists = path.equals("/");
    String token = null;
    do {
      ListObjectsV2Response page = bucket.list(prefix, "/", token, null);
      for (S3Object o : page.contents()) {
        exists = true;
        String name = o.key().substring(prefix.length());
        if (Keys.isComponent(name)) {
          children.add(Keys.child(path, name));
        }
      }
      for (CommonPrefix p : page.commonPrefixes()) {
        exists = true;
        String name = p.prefix().substring(prefix.length(), p.prefix().length() - 1);
        if (Keys.isComponent(name)) {
          children.add(Keys.child(path, name));
        } else {
          Keys.fileOfSidecar(name).ifPresent(file -> children.add(Keys.child(path, file)));
        }
      }
      token = page.nextContinuationToken();
    } while (token != null);
    if (!exists) {
      throw new NoSuchFileException(path, null, "no directory (nothing there, or a file)");
    }
    return new ArrayList<>(children);
  }

  /**
   * Deletes the object at {@code path}, its sidecar and every key below {@code path/}, and aborts
   * the multipart uploads left there. Returns whether anything existed.
   */
  boolean delete(String path) throws IOException {
    String fileKey = keys.file(path);
    String below = fileKey + "/";
    String sidecar = Keys.sidecar(fileKey);
    Found found = find(path);
    if (found.object()) {
      bucket.delete(fileKey);
    }
    if (found.pieces()) {
      bucket.deleteAllUnder(sidecar);
    }
    if (found.directory()) {
      bucket.deleteAllUnder(below);
    }
    if (found.directory() || found.pieces()) {
      // Writers that died mid-upload left multipart uploads that no listing of objects shows.
      for (var upload : bucket.uploads(fileKey)) {
        if (upload.key().startsWith(below) || upload.key().startsWith(sidecar)) {
          bucket.abortQuietly(upload.key(), upload.uploadId());
        }
      }
    }
    return found.any();
  }

}
