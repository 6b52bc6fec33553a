package registry.core.internal.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import registry.core.ErrorCode;
import registry.core.RegistryException;

/**
 * An upload chunk's {@code Content-Range}: its first and last byte, inclusive.
 *
 * @param start the offset of the chunk's first byte
 * @param end the offset of its last byte, not before {@code start}
 */
record ContentRange(long start, long end) {

  /** {@code start-end}; {@code bytes } and {@code /total} tolerated as some clients send them. */
  private static final Pattern FORM =
      Pattern.compile("(?:bytes[ =])?\\s*(\\d{1,18})-(\\d{1,18})(?:/(?:\\d+|\\*))?\\s*");

  ContentRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid range " + start + "-" + end);
    }
  }

  /**
   * Parses a header value.
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UPLOAD_RANGE_INVALID} (416) for a
   *     malformed value or one that ends before it starts
   */
  static ContentRange parse(String value) {
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      throw new RegistryException(ErrorCode.BLOB_UPLOAD_RANGE_INVALID,
          "invalid Content-Range '" + value + "': expected <start>-<end>");
    }
    long start = Long.parseLong(m.group(1));
    long end = Long.parseLong(m.group(2));
    if (end < start) {
      throw new RegistryException(ErrorCode.BLOB_UPLOAD_RANGE_INVALID,
          "invalid Content-Range '" + value + "': end before start");
    }
    return new ContentRange(start, end);
  }

  /** The chunk's size in bytes. */
  long length() {
    return end - start + 1;
  }
}
