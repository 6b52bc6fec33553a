package registry.storage.s3.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Server-side copies: one object, or a file's segments concatenated into one object at the
 * destination. Up to {@link Bucket#MAX_COPY} a single {@code CopyObject} does it; beyond, and for
 * several segments, a multipart upload whose parts are {@code UploadPartCopy} ranges, sent in
 * parallel on the driver's copy threads. Bytes never pass through this JVM.
 */
final class Copier {

  /** The size of copy parts cut from a piece too large for one part. */
  private static final long COPY_PART = 1L << 30;

  /** An object, or the first {@code size} bytes of one, to copy. */
  record Piece(String key, long size) {}

  private final Bucket bucket;
  private final Executor executor;

  Copier(Bucket bucket, Executor executor) {
    this.bucket = bucket;
    this.executor = executor;
  }

  /**
   * Writes the concatenation of {@code pieces} to {@code destination}, replacing what is there.
   * Every piece but the last must be at least {@link S3Writer#MIN_PART} bytes. On failure the
   * destination is unchanged.
   */
  void concatenate(List<Piece> pieces, String destination) throws IOException {
    if (pieces.isEmpty()) {
      bucket.put(destination, new byte[0], 0, null);
      return;
    }
    if (pieces.size() == 1 && pieces.get(0).size() <= Bucket.MAX_COPY) {
      bucket.copy(pieces.get(0).key(), destination);
      return;
    }
    List<Range> ranges = plan(pieces);
    if (ranges.size() > Bucket.MAX_PARTS) {
      throw new IOException("s3: " + destination + " would need " + ranges.size() + " parts, more than S3's "
          + Bucket.MAX_PARTS + "; it was written in too many small chunks");
    }
    String uploadId = bucket.createUpload(destination);
    try {
      List<CompletableFuture<CompletedPart>> copies = new ArrayList<>();
      for (int i = 0; i < ranges.size(); i++) {
        Range r = ranges.get(i);
        int number = i + 1;
        copies.add(CompletableFuture.supplyAsync(() -> {
          try {
            return bucket.copyPart(destination, uploadId, number, r.key(), r.from(), r.to());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, executor));
      }
      // Let every copy end before judging, so an abort never races a part still being copied.
      CompletableFuture.allOf(copies.toArray(new CompletableFuture<?>[0])).handle((v, t) -> null).join();
      List<CompletedPart> parts = new ArrayList<>();
      for (CompletableFuture<CompletedPart> c : copies) {
        parts.add(join(c));
      }
      bucket.complete(destination, uploadId, parts);
    } catch (IOException | RuntimeException e) {
      bucket.abortQuietly(destination, uploadId);
      throw e;
    }
  }

  /** A byte range {@code from..to} (inclusive) of one object: one copy part. */
  private record Range(String key, long from, long to) {}

  /**
   * Cuts pieces into parts of at most {@link Bucket#MAX_COPY} bytes. A large piece is cut into
   * equal parts, so no part in the middle falls below the 5 MiB minimum.
   */
  private static List<Range> plan(List<Piece> pieces) {
    List<Range> ranges = new ArrayList<>();
    for (Piece p : pieces) {
      long count = Math.max(1, (p.size() + COPY_PART - 1) / COPY_PART);
      long part = (p.size() + count - 1) / count;
      for (long from = 0; from < p.size(); from += part) {
        ranges.add(new Range(p.key(), from, Math.min(p.size(), from + part) - 1));
      }
    }
    return ranges;
  }

  private static <T> T join(CompletableFuture<T> future) throws IOException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException) {
        throw ((UncheckedIOException) e.getCause()).getCause();
      }
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }
}
