package registry.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import registry.core.spi.StorageWriter;
import registry.storage.s3.internal.SegmentedFile.Segment;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The resumable writer: each writer session (open, write, close) adds at most one
 * <em>segment</em> object under the file's sidecar prefix {@code <key>~parts/}, and a small
 * {@code state} object there lists the segments in order.
 *
 * <p>Why this shape: S3 cannot read the parts of an unfinished multipart upload, yet the SPI wants
 * a closed writer's bytes readable (another instance re-hashes an upload it takes over), and
 * several instances must be able to continue one upload. So a session's bytes become a finished
 * object when it closes: a single {@code PutObject} while they fit in one {@code chunksize}
 * buffer, else a multipart upload of {@code chunksize} parts completed on close. Nothing is ever
 * re-copied to append: the next session just adds the next segment and rewrites the state.
 *
 * <p>Small tails: every segment but the last must be at least {@link #MIN_PART} (5 MiB) so the
 * segments can later become parts of one multipart upload by server-side copy. When the last
 * segment is smaller and a new session writes, the session first reads that tail back into its
 * buffer (at most 5 MiB, one GET) and its segment replaces the tail. A chunk below 5 MiB thus
 * costs at most 5 MiB of re-upload, never a copy of everything so far.
 *
 * <p>Commit: when everything is in this session's buffer (a small file) it is written straight
 * to the key. Otherwise the segments stay as they are, the state describes the finished file,
 * and any older object at the key is deleted, so readers see the segments. The copy into one
 * object happens once, at {@code move} (the registry always moves a committed upload to the
 * blob's content address), by {@code UploadPartCopy} of each segment straight into the
 * destination. A monolithic or chunked push of a large blob therefore costs exactly one
 * server-side copy, the one S3 needs for any rename.
 *
 * <p>Requests: a session that writes at most {@code chunksize} costs three (GET state, PUT
 * segment, PUT state); a larger one adds {@code CreateMultipartUpload}, an {@code UploadPart} per
 * {@code chunksize} and {@code CompleteMultipartUpload}; one that folds a small tail adds a GET
 * of the tail and a DELETE of it. Commit without new bytes costs one DELETE.
 *
 * <p>Several instances: the state is replaced with {@code If-Match} on the entity tag it was read
 * with ({@code If-None-Match: *} when there was none), so of two sessions racing on one upload
 * one fails instead of silently dropping the other's bytes. Segment names are random per
 * session, so a failed or lost session never damages what the state names.
 */
final class S3Writer extends StorageWriter {

  /** The smallest part S3 accepts in a multipart upload, but for the last. */
  static final int MIN_PART = 5 << 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private enum Phase { OPEN, CLOSED, COMMITTED, CANCELLED, FAILED }

  private final Bucket bucket;
  private final String key;
  private final String sidecar;
  private final int chunkSize;
  private final String segmentName;
  private final boolean continuing;
  private final String stateCondition;
  private final List<Segment> kept = new ArrayList<>();
  private Segment tail;
  private Segment folded;
  private byte[] buffer = new byte[0];
  private int buffered;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private long uploaded;
  private long size;
  private Phase phase = Phase.OPEN;

  private S3Writer(Bucket bucket, String key, int chunkSize, Optional<SegmentedFile> earlier, boolean append) {
    this.bucket = bucket;
    this.key = key;
    this.sidecar = Keys.sidecar(key);
    this.chunkSize = chunkSize;
    this.segmentName = "seg-" + HexFormat.of().toHexDigits(RANDOM.nextLong());
    this.continuing = earlier.isPresent();
    // A replacing writer overwrites whatever state is there; an appending one must see the
    // state it read (or none) still in place when it writes its own.
    this.stateCondition = !append ? null : earlier.map(SegmentedFile::etag).orElse("*");
    if (earlier.isPresent()) {
      List<Segment> segments = earlier.get().segments();
      kept.addAll(segments);
      if (!kept.isEmpty() && kept.get(kept.size() - 1).size() < MIN_PART) {
        tail = kept.remove(kept.size() - 1);
      }
      size = earlier.get().size();
    }
  }

  /** A writer for the file at {@code key}, continuing its segments when {@code append}. */
  static S3Writer open(Bucket bucket, String key, boolean append, int chunkSize) throws IOException {
    Optional<SegmentedFile> earlier = append ? SegmentedFile.load(bucket, key) : Optional.empty();
    return new S3Writer(bucket, key, chunkSize, earlier, append);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    requireOpen();
    if (len == 0) {
      return;
    }
    try {
      if (tail != null) {
        fold();
      }
      for (int at = off, end = off + len; at < end; ) {
        if (buffered == chunkSize) {
          sendPart();
        }
        int n = Math.min(end - at, chunkSize - buffered);
        reserve(buffered + n);
        System.arraycopy(b, at, buffer, buffered, n);
        buffered += n;
        at += n;
      }
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    }
    size += len;
  }

  @Override
  public void close() throws IOException {
    if (phase != Phase.OPEN) {
      return;
    }
    phase = Phase.CLOSED;
    try {
      persist();
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  @Override
  public void commit() throws IOException {
    requireOpen();
    try {
      if (uploadId == null && kept.isEmpty() && tail == null) {
        // The whole file is in memory: write it where it belongs, then drop the sidecar.
        bucket.put(key, buffer, buffered, null);
        phase = Phase.COMMITTED;
        List<String> stale = new ArrayList<>();
        if (continuing || stateCondition == null) {
          stale.add(sidecar + SegmentedFile.STATE);
        }
        if (folded != null) {
          stale.add(sidecar + folded.name());
        }
        bucket.deleteAll(stale);
      } else {
        persist();
        // The segments are the file now; an older object at the key would hide them.
        bucket.delete(key);
        phase = Phase.COMMITTED;
      }
    } catch (IOException | RuntimeException e) {
      if (phase != Phase.COMMITTED) {
        fail();
      }
      throw e;
    }
  }

  @Override
  public void cancel() throws IOException {
    if (phase == Phase.COMMITTED) {
      throw new IOException("s3: writer for " + key + " already committed");
    }
    phase = Phase.CANCELLED;
    if (uploadId != null) {
      bucket.abortQuietly(sidecar + segmentName, uploadId);
      uploadId = null;
    }
    bucket.deleteAllUnder(sidecar);
    // Sessions that died mid-upload left multipart uploads no object shows.
    for (var u : bucket.uploads(sidecar)) {
      bucket.abortQuietly(u.key(), u.uploadId());
    }
  }

  /** Moves the small last segment back into the buffer, so this session's segment replaces it. */
  private void fold() throws IOException {
    reserve((int) tail.size());
    String tailKey = sidecar + tail.name();
    try (InputStream in = bucket.open(tailKey, 0, tail.size() - 1).orElseThrow(() -> new IOException(
        "s3: segment s3://" + bucket.name() + "/" + tailKey + " is gone: another writer changed " + key))) {
      int n = in.readNBytes(buffer, 0, (int) tail.size());
      if (n != tail.size()) {
        throw new IOException("s3: segment " + tailKey + " has " + n + " bytes, not " + tail.size());
      }
    }
    buffered = (int) tail.size();
    folded = tail;
    tail = null;
  }

  /** Sends the full buffer as the next part of this session's segment. */
  private void sendPart() throws IOException {
    String segmentKey = sidecar + segmentName;
    if (uploadId == null) {
      uploadId = bucket.createUpload(segmentKey);
    }
    if (parts.size() == Bucket.MAX_PARTS) {
      throw new IOException("s3: one write to " + key + " exceeds " + Bucket.MAX_PARTS
          + " parts of chunksize " + chunkSize + "; raise chunksize");
    }
    parts.add(bucket.uploadPart(segmentKey, uploadId, parts.size() + 1, buffer, buffered));
    uploaded += buffered;
    buffered = 0;
  }

  /** Finishes this session's segment (if it wrote anything) and records it in the state. */
  private void persist() throws IOException {
    Segment mine = null;
    String segmentKey = sidecar + segmentName;
    if (uploadId != null) {
      long total = uploaded + buffered;
      if (buffered > 0) {
        sendPart();
      }
      bucket.complete(segmentKey, uploadId, parts);
      uploadId = null;
      mine = new Segment(segmentName, total);
    } else if (buffered > 0) {
      bucket.put(segmentKey, buffer, buffered, null);
      mine = new Segment(segmentName, buffered);
    }
    if (mine == null && continuing && stateCondition != null) {
      return; // nothing new: the state already says it all
    }
    List<Segment> segments = new ArrayList<>(kept);
    if (tail != null) {
      segments.add(tail);
    }
    if (mine != null) {
      segments.add(mine);
    }
    byte[] state = new SegmentedFile(segments, null, null).encode();
    String stateKey = sidecar + SegmentedFile.STATE;
    try {
      bucket.put(stateKey, state, state.length, stateCondition);
    } catch (S3Failures.ConflictException e) {
      // A retry of a write that did land fails its own condition: the state then names this
      // session's segment (its name is random), and all is well.
      Optional<Bucket.Stored> now = bucket.getBytes(stateKey);
      if (now.isEmpty() || !java.util.Arrays.equals(now.get().bytes(), state)) {
        throw new IOException("s3: another writer changed " + key + " while this one wrote; "
            + "this writer's bytes are discarded", e);
      }
    }
    if (folded != null) {
      bucket.delete(sidecar + folded.name()); // its bytes are in this session's segment now
    }
  }

  private void reserve(int capacity) {
    if (buffer.length < capacity) {
      int grown = (int) Math.min(chunkSize, Math.max((long) capacity, Math.max(64 * 1024L, buffer.length * 2L)));
      buffer = java.util.Arrays.copyOf(buffer, grown);
    }
  }

  private void requireOpen() throws IOException {
    if (phase != Phase.OPEN) {
      throw new IOException("s3: writer for " + key + " is " + phase.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** After a failure nothing of this session is kept: earlier sessions' bytes stay as they were. */
  private void fail() {
    phase = Phase.FAILED;
    if (uploadId != null) {
      bucket.abortQuietly(sidecar + segmentName, uploadId);
      uploadId = null;
    }
    buffer = new byte[0];
  }
}
