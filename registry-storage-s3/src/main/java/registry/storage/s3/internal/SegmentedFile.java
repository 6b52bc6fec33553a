package registry.storage.s3.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file kept as a sequence of segment objects under its sidecar prefix, as described by the
 * sidecar's {@code state} object: what {@link S3Writer} leaves when it closes, and what readers,
 * {@code stat} and {@code move} read. Every segment but the last is at least
 * {@link S3Writer#MIN_PART} bytes, so the segments can become the parts of one multipart upload
 * by server-side copy.
 *
 * <p>The state is a few lines of text, so an operator can read it in the bucket:
 * <pre>
 * registry-s3-segments 1
 * seg-1f0c9e2a7d3b4c51 10485760
 * seg-77aa01c3e9f2d604 2048
 * </pre>
 *
 * @param segments the segments in order
 * @param etag the state object's entity tag, for a conditional replacement (null when unsaved)
 * @param modified when the state was last written
 */
record SegmentedFile(List<Segment> segments, String etag, Instant modified) {

  private static final String HEADER = "registry-s3-segments 1";

  /** The name of the state object under the sidecar prefix. */
  static final String STATE = "state";

  /** One segment object: its name under the sidecar prefix and its size. */
  record Segment(String name, long size) {
    Segment {
      if (!Keys.isComponent(name) || name.equals(STATE) || size < 0) {
        throw new IllegalArgumentException("bad segment " + name + " " + size);
      }
    }
  }

  SegmentedFile {
    segments = List.copyOf(segments);
  }

  /** The file's size: the sum of its segments. */
  long size() {
    long total = 0;
    for (Segment s : segments) {
      total += s.size();
    }
    return total;
  }

  /** The state object's content. */
  byte[] encode() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Segment s : segments) {
      b.append(s.name()).append(' ').append(s.size()).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The state of the file at {@code fileKey}, or empty when it has none. */
  static Optional<SegmentedFile> load(Bucket bucket, String fileKey) throws IOException {
    String key = Keys.sidecar(fileKey) + STATE;
    Optional<Bucket.Stored> stored = bucket.getBytes(key);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decode(stored.get().bytes(), stored.get().etag(), stored.get().modified()));
    } catch (IllegalArgumentException e) {
      throw new IOException("s3: s3://" + bucket.name() + "/" + key + " is not a state this driver wrote: "
          + e.getMessage(), e);
    }
  }

  /**
   * Reads a state object.
   *
   * @throws IllegalArgumentException when the content is not a state this driver wrote
   */
  static SegmentedFile decode(byte[] content, String etag, Instant modified) {
    String[] lines = new String(content, StandardCharsets.US_ASCII).split("\n");
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a segment state (header '" + lines[0] + "')");
    }
    List<Segment> segments = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] fields = lines[i].split(" ");
      if (fields.length != 2) {
        throw new IllegalArgumentException("bad segment line '" + lines[i] + "'");
      }
      segments.add(new Segment(fields[0], Long.parseLong(fields[1])));
    }
    return new SegmentedFile(segments, etag, modified);
  }
}
