package registry.core.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.DigestAlgorithm;
import registry.core.ErrorCode;
import registry.core.RegistryEvent;
import registry.core.RegistryException;
import registry.core.RepositoryName;
import registry.core.UploadStatus;
import registry.core.Uploads;
import registry.core.internal.io.HashingCopy;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.internal.storage.DeferredWrites;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;

/**
 * Resumable uploads kept in storage under {@code _uploads/<id>}: the bytes in {@code data} and
 * the start time in {@code startedat}, as distribution keeps them. The running hash is a cache;
 * a miss re-hashes the stored bytes, so any instance can take over any upload.
 */
final class StoredUploads implements Uploads {

  /** Storage keeps no media type for blobs; events say what distribution says. */
  static final String BLOB_MEDIA_TYPE = "application/octet-stream";

  private final RegistryContext context;
  private final StorageDriver storage;
  private final BlobStore blobStore;
  private final RepositoryName name;
  private final AfterResponse later;

  StoredUploads(RegistryContext context, BlobStore blobStore, RepositoryName name, AfterResponse later) {
    this.context = context;
    this.storage = context.storage();
    this.blobStore = blobStore;
    this.name = name;
    this.later = later;
  }

  @Override
  public UploadStatus start() throws IOException {
    return start(DigestAlgorithm.SHA256);
  }

  @Override
  public UploadStatus start(DigestAlgorithm algorithm) throws IOException {
    context.checkWritable();
    String id = UploadIds.newId();
    // Seconds precision in UTC, as distribution writes it (RFC 3339). Not forced to the disk:
    // an upload that a power cut forgets is started again by its client, and a start time lost
    // or emptied that way reads as the epoch, so purging still finds the upload.
    Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    DeferredWrites.putContent(storage, path(new PathSpec.UploadStartedAt(name, id)),
        now.toString().getBytes(StandardCharsets.US_ASCII));
    context.hashStates().put(id, HashStates.State.empty(algorithm));
    return new UploadStatus(name, id, 0, now);
  }

  @Override
  public UploadStatus status(String id) throws IOException {
    Instant started = startedAt(id);
    return new UploadStatus(name, id, storedSize(id), started);
  }

  /** The bytes received so far: none until the first chunk creates the data. */
  private long storedSize(String id) throws IOException {
    try {
      return storage.stat(path(new PathSpec.UploadData(name, id))).size();
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  @Override
  public UploadStatus append(String id, long offset, InputStream chunk) throws IOException {
    context.checkWritable();
    ReentrantLock lock = context.uploadLocks().forUpload(id);
    lock.lock();
    try {
      Instant started = startedAt(id);
      Resumed resumed = openResumed(id, path(new PathSpec.UploadData(name, id)));
      HashStates.State running = resumed.state();
      try (StorageWriter writer = resumed.writer()) {
        requireOffset(offset, writer);
        long size = copy(chunk, writer, running.digest());
        context.hashStates().put(id, new HashStates.State(size, running.algorithm(), running.digest()));
        return new UploadStatus(name, id, size, started);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public BlobInfo finish(String id, Digest expected, InputStream lastChunk) throws IOException {
    return finish(id, -1, expected, lastChunk);
  }

  @Override
  public BlobInfo finish(String id, long offset, Digest expected, InputStream lastChunk) throws IOException {
    context.checkWritable();
    if (expected == null) {
      throw new RegistryException(ErrorCode.DIGEST_INVALID, "the digest of the upload is required");
    }
    ReentrantLock lock = context.uploadLocks().forUpload(id);
    lock.lock();
    try {
      requireUpload(id);
      String dataPath = path(new PathSpec.UploadData(name, id));
      long size;
      boolean wholeBlobInThisRequest = false;
      try {
        Resumed resumed = openResumed(id, dataPath);
        HashStates.State running = resumed.state();
        boolean committed = false;
        try (StorageWriter writer = resumed.writer()) {
          requireOffset(offset, writer);
          wholeBlobInThisRequest = writer.size() == 0 && lastChunk != null;
          size = lastChunk == null ? writer.size() : copy(lastChunk, writer, running.digest());
          context.hashStates().put(id, new HashStates.State(size, running.algorithm(), running.digest()));
          if (running.algorithm() == expected.algorithm()) {
            requireDigest(running.current(), expected);
            writer.commit();
            committed = true;
          }
        }
        if (!committed) {
          // Hashed in another algorithm on the way in: the stored bytes are read again, only
          // now that the writer is closed and they are all there.
          requireDigest(rehash(dataPath, size, expected.algorithm()), expected);
          try (StorageWriter writer = storage.writer(dataPath, true)) {
            requireResumedAt(size, writer);
            writer.commit();
          }
        }
        // A collection sweeping beside this may take an old blob of the same content: then the
        // upload's data, still in place in that case, is published again.
        SweepNotices.Window window = context.sweepNotices().open();
        do {
          publish(dataPath, expected, size);
        } while (window.overlapped(name, List.of(expected)));
      } catch (IOException | RuntimeException e) {
        if (wholeBlobInThisRequest) {
          // The client sent the blob in this one request and never learnt an offset to resume
          // from: what it wrote (on a full disk, the space it filled) is freed now.
          cancelQuietly(id);
        }
        throw e;
      }
      context.hashStates().remove(id);
      // Without its start time the upload is unknown to clients at once; removing the rest of
      // its directory is housekeeping they need not wait for.
      context.links().deleteIfExists(new PathSpec.UploadStartedAt(name, id));
      later.run(() -> cancelQuietly(id));
      context.publish(RegistryEvent.Action.PUSH, name, expected, BLOB_MEDIA_TYPE, size, Optional.empty(), Optional.empty());
      return new BlobInfo(expected, size);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes the verified upload data the blob (unless the blob is there) and links it. Both names
   * are made durable by one sync, the link's content first: a crash before it ends loses the
   * link or leaves it empty (no link), or keeps a link whose blob is missing, which reads as no
   * blob. Either way the push was never acknowledged.
   */
  private void publish(String dataPath, Digest digest, long size) throws IOException {
    String blobPath;
    try {
      blobPath = blobStore.publishWithoutSync(dataPath, digest, size);
    } catch (NoSuchFileException e) {
      // published before, then swept with the blob it became: the content is gone
      throw new RegistryException(ErrorCode.UNAVAILABLE,
          "a garbage collection deleted blob " + digest + " while it was stored; push it again");
    }
    String linkPath = context.links().writeWithoutSync(new PathSpec.LayerLink(name, digest), digest);
    DeferredWrites.sync(storage, List.of(linkPath), List.of(blobPath));
  }

  @Override
  public void cancel(String id) throws IOException {
    context.checkWritable();
    requireUpload(id);
    context.hashStates().remove(id);
    deleteUploadDir(id);
  }

  private static void requireDigest(Digest actual, Digest expected) {
    if (!actual.equals(expected)) {
      throw new RegistryException(ErrorCode.DIGEST_INVALID,
          "upload content has digest " + actual + ", not " + expected)
          .withDetail(java.util.Map.of("digest", expected.toString()));
    }
  }

  /**
   * The hash was taken before the writer opened, so that no read overlaps a write: the data
   * must still be what was hashed. Only another instance writing the same upload changes it.
   */
  private static void requireResumedAt(long hashed, StorageWriter writer) {
    if (hashed != writer.size()) {
      throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID,
          "the upload changed while this request resumed it; send the chunk again");
    }
  }

  /** A chunk said to start at {@code offset} (negative: anywhere) must start at the end. */
  private static void requireOffset(long offset, StorageWriter writer) throws IOException {
    if (offset >= 0 && offset != writer.size()) {
      throw new RegistryException(ErrorCode.BLOB_UPLOAD_RANGE_INVALID,
          "chunk starts at " + offset + " but the upload has " + writer.size() + " bytes");
    }
  }

  /** Cancels, ignoring failures: for clean-up after another error. */
  void cancelQuietly(String id) {
    try {
      context.hashStates().remove(id);
      deleteUploadDir(id);
    } catch (IOException | RuntimeException e) {
      // the upload purge removes what is left
    }
  }

  private void deleteUploadDir(String id) throws IOException {
    context.links().deleteIfExists(new PathSpec.UploadDir(name, id));
  }

  /** Refuses unknown and malformed ids; cheaper than reading the start time. */
  private void requireUpload(String id) throws IOException {
    UploadIds.requireWellFormed(id, name);
    try {
      storage.stat(path(new PathSpec.UploadStartedAt(name, id)));
    } catch (NoSuchFileException e) {
      throw unknown(id);
    }
  }

  /** The start time of an existing upload; refuses unknown and malformed ids. */
  private Instant startedAt(String id) throws IOException {
    UploadIds.requireWellFormed(id, name);
    byte[] content;
    try {
      content = storage.getContent(path(new PathSpec.UploadStartedAt(name, id)));
    } catch (NoSuchFileException e) {
      throw unknown(id);
    }
    try {
      return Instant.parse(new String(content, StandardCharsets.US_ASCII).trim());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH; // written by another registry in another form: still a live upload
    }
  }

  /** The upload's data open for appending, with the running hash over what it holds. */
  private record Resumed(StorageWriter writer, HashStates.State state) {}

  /**
   * Opens the upload's data for appending, with the running hash over its stored bytes. The
   * cached hash serves when it covers exactly what is stored: one open, no read (on S3 every
   * read is requests). Otherwise (another instance took the upload on, or a restart) the writer
   * closes again and the hash is recomputed from the stored bytes, so no read overlaps a write.
   */
  private Resumed openResumed(String id, String dataPath) throws IOException {
    HashStates.State cached = context.hashStates().take(id);
    StorageWriter writer = storage.writer(dataPath, true);
    if (cached != null && cached.offset() == writer.size()) {
      return new Resumed(writer, cached);
    }
    writer.close();
    long size = storedSize(id);
    DigestAlgorithm algorithm = cached == null ? DigestAlgorithm.SHA256 : cached.algorithm();
    MessageDigest digest = algorithm.newMessageDigest();
    if (size > 0) {
      hashStored(dataPath, size, digest);
    }
    writer = storage.writer(dataPath, true);
    try {
      requireResumedAt(size, writer);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
    return new Resumed(writer, new HashStates.State(size, algorithm, digest));
  }

  private Digest rehash(String dataPath, long size, DigestAlgorithm algorithm) throws IOException {
    MessageDigest digest = algorithm.newMessageDigest();
    hashStored(dataPath, size, digest);
    return Digest.of(algorithm, digest.digest());
  }

  private void hashStored(String dataPath, long size, MessageDigest digest) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long remaining = size;
    try (InputStream in = storage.reader(dataPath, 0)) {
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          throw new IOException("upload data " + dataPath + " is shorter than its size " + size);
        }
        digest.update(buffer, 0, n);
        remaining -= n;
      }
    }
  }

  /** Streams a chunk through the hash into the writer; returns the upload's new size. */
  private static long copy(InputStream chunk, StorageWriter writer, MessageDigest digest) throws IOException {
    HashingCopy.copy(chunk, writer, digest);
    return writer.size();
  }

  private RegistryException unknown(String id) {
    return UploadIds.unknown(id, name);
  }

  private static String path(PathSpec spec) {
    return StoragePaths.pathFor(spec);
  }
}
