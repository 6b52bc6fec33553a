package registry.core.internal.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import registry.core.ErrorCode;
import registry.core.RegistryException;

/**
 * One byte range of a blob, from a {@code Range: bytes=first-last} request header (RFC 9110
 * 14.1.2), with both ends inclusive and within the blob.
 *
 * @param first the first byte
 * @param last the last byte
 */
record ByteRange(long first, long last) {

  private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d*)-(\\d*)\\s*");

  /** The number of bytes in the range. */
  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value of this range in a blob of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * The range a header asks for in a blob of {@code size} bytes. Empty for a header we may
   * ignore (malformed, several ranges, another unit): the whole blob is then sent, as RFC 9110
   * allows.
   *
   * @throws RegistryException {@link ErrorCode#RANGE_INVALID} when no byte of it exists
   */
  static Optional<ByteRange> parse(String header, long size) {
    Matcher m = SINGLE.matcher(header);
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          throw unsatisfiable(header, size);
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
      if (last < first) {
        return Optional.empty();
      }
      if (first >= size) {
        throw unsatisfiable(header, size);
      }
      return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  private static RegistryException unsatisfiable(String header, long size) {
    return new RegistryException(ErrorCode.RANGE_INVALID,
        "range " + header + " is outside the blob's " + size + " bytes");
  }
}
