package registry.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;
import registry.storage.s3.internal.SegmentedFile.Segment;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The driver's file operations over one bucket and root. A file is the object at its key or,
 * when there is none, the segments its sidecar state names (see {@link S3Writer}); the object
 * wins when both exist, so the common case (a committed blob, a link) costs one request.
 */
public final class S3Files {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Bucket bucket;
  private final Keys keys;
  private final int chunkSize;
  private final Tree tree;
  private final Walker walker;
  private final Copier copier;
  private final ThreadPoolExecutor copyThreads;

  /** Files under {@code keys} in {@code bucket}, written in parts of {@code chunkSize}. */
  public S3Files(Bucket bucket, Keys keys, int chunkSize) {
    this.bucket = bucket;
    this.keys = keys;
    this.chunkSize = chunkSize;
    this.tree = new Tree(bucket, keys);
    this.walker = new Walker(bucket, keys);
    // Part copies of large moves run in parallel; idle threads end, so an idle driver holds none.
    this.copyThreads = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "s3-copy-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    copyThreads.allowCoreThreadTimeOut(true);
    this.copier = new Copier(bucket, copyThreads);
  }

  /** Ends the copy threads. */
  public void close() {
    copyThreads.shutdown();
  }

  /** The object key of a path. */
  public String key(String path) {
    return keys.file(path);
  }

  /** See {@link registry.core.spi.StorageDriver#getContent}. */
  public byte[] getContent(String path) throws IOException {
    String key = keys.file(path);
    Optional<Bucket.Stored> stored = bucket.getBytes(key);
    if (stored.isPresent()) {
      return stored.get().bytes();
    }
    try (InputStream in = segments(path, key, 0)) {
      return in.readAllBytes();
    }
  }

  /** See {@link registry.core.spi.StorageDriver#putContent}. */
  public void putContent(String path, byte[] content) throws IOException {
    bucket.put(keys.file(path), content, content.length, null);
  }

  /** See {@link registry.core.spi.StorageDriver#reader}. */
  public InputStream reader(String path, long offset) throws IOException {
    String key = keys.file(path);
    Optional<InputStream> in = bucket.open(key, offset, -1);
    return in.isPresent() ? in.get() : segments(path, key, offset);
  }

  private InputStream segments(String path, String key, long offset) throws IOException {
    SegmentedFile file = SegmentedFile.load(bucket, key).orElseThrow(() -> new NoSuchFileException(path));
    return new SegmentStream(bucket, Keys.sidecar(key), file.segments(), offset);
  }

  /** See {@link registry.core.spi.StorageDriver#writer}. */
  public StorageWriter writer(String path, boolean append) throws IOException {
    return S3Writer.open(bucket, keys.file(path), append, chunkSize);
  }

  /**
   * See {@link registry.core.spi.StorageDriver#stat}. An object costs one request (HEAD); a
   * missing path or a directory two (HEAD, one listing); a file in pieces three (and its state).
   */
  public FileInfo stat(String path) throws IOException {
    if (path.equals("/")) {
      return Tree.directory(path); // the root always exists, even in an empty bucket
    }
    String key = keys.file(path);
    Optional<HeadObjectResponse> head = bucket.head(key);
    if (head.isPresent()) {
      return new FileInfo(path, head.get().contentLength(), head.get().lastModified(), false);
    }
    Tree.Found found = tree.find(path);
    if (found.pieces()) {
      Optional<SegmentedFile> file = SegmentedFile.load(bucket, key);
      if (file.isPresent()) {
        return new FileInfo(path, file.get().size(), file.get().modified(), false);
      }
    }
    if (found.directory()) {
      return Tree.directory(path);
    }
    if (found.object()) {
      return stat(path); // written between the HEAD and the listing
    }
    throw new NoSuchFileException(path);
  }

  /** See {@link registry.core.spi.StorageDriver#list}. */
  public List<String> list(String path) throws IOException {
    return tree.list(path);
  }

  /**
   * See {@link registry.core.spi.StorageDriver#move}: a server-side copy, then the source is
   * deleted. A segmented source is concatenated straight into the destination.
   */
  public void move(String source, String destination) throws IOException {
    String from = keys.file(source);
    String to = keys.file(destination);
    Optional<HeadObjectResponse> head = bucket.head(from);
    if (head.isPresent()) {
      if (!from.equals(to)) {
        copier.concatenate(List.of(new Copier.Piece(from, head.get().contentLength())), to);
        bucket.delete(from);
      }
      return;
    }
    SegmentedFile file = SegmentedFile.load(bucket, from).orElseThrow(() -> new NoSuchFileException(source));
    String sidecar = Keys.sidecar(from);
    List<Copier.Piece> pieces = new ArrayList<>();
    List<String> consumed = new ArrayList<>();
    for (Segment s : file.segments()) {
      pieces.add(new Copier.Piece(sidecar + s.name(), s.size()));
      consumed.add(sidecar + s.name());
    }
    copier.concatenate(pieces, to);
    consumed.add(sidecar + SegmentedFile.STATE);
    bucket.deleteAll(consumed);
  }

  /** See {@link registry.core.spi.StorageDriver#delete}. */
  public void delete(String path) throws IOException {
    if (!tree.delete(path)) {
      throw new NoSuchFileException(path);
    }
  }

  /** See {@link registry.core.spi.StorageDriver#walk}. */
  public void walk(String path, WalkVisitor visitor) throws IOException {
    walker.walk(path, visitor);
  }
}
