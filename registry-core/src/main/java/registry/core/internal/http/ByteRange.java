package registry.core.internal.http;

import java.util.Locale;
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

  private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");

  /** The number of bytes in the range. */
  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value of this range in a blob of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * The range a header asks for in a blob of {@code size} bytes, decided case by case as RFC
   * 9110 14.2 allows:
   *
   * <ul>
   *   <li>empty (the whole blob) for another unit or no unit at all, which a server must ignore;
   *       for an empty blob, which it may; and for several ranges of which one at least is
   *       satisfiable, because a server may ignore the header and this one sends no
   *       {@code multipart/byteranges};
   *   <li>{@link ErrorCode#RANGE_INVALID} (416) for a {@code bytes} range set that is invalid
   *       ({@code bytes=500-0}, {@code bytes=abc}, {@code bytes=}), which a server may reject:
   *       a client that sent it is broken, and the whole blob is rarely what it wants; and for
   *       a set of which no range is satisfiable (all beyond the end, {@code bytes=-0}).
   * </ul>
   */
  static Optional<ByteRange> parse(String header, long size) {
    int eq = header.indexOf('=');
    if (eq < 0 || !header.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes") || size == 0) {
      return Optional.empty();
    }
    ByteRange first = null;
    int specs = 0;
    for (String element : header.substring(eq + 1).split(",", -1)) {
      String spec = element.trim();
      if (spec.isEmpty()) {
        continue; // an empty list element, which RFC 9110 5.6.1 asks recipients to accept
      }
      specs++;
      Optional<ByteRange> range = spec(spec, header, size);
      if (first == null && range.isPresent()) {
        first = range.get();
      }
    }
    if (specs == 0) {
      throw invalid(header);
    }
    if (first == null) {
      throw new RegistryException(ErrorCode.RANGE_INVALID,
          "range " + abbreviated(header) + " is outside the blob's " + size + " bytes");
    }
    return specs == 1 ? Optional.of(first) : Optional.empty();
  }

  /** One range-spec: the part of it inside the blob, empty when none is. */
  private static Optional<ByteRange> spec(String spec, String header, long size) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      throw invalid(header);
    }
    if (m.group(1).isEmpty()) {
      long suffix = digits(m.group(2));
      return suffix == 0 ? Optional.empty() : Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
    }
    long first = digits(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : digits(m.group(2));
    if (last < first) {
      throw invalid(header);
    }
    return first >= size ? Optional.empty() : Optional.of(new ByteRange(first, Math.min(last, size - 1)));
  }

  /** A run of digits; one too long for a long is beyond any blob. */
  private static long digits(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static RegistryException invalid(String header) {
    return new RegistryException(ErrorCode.RANGE_INVALID, "range " + abbreviated(header) + " is malformed");
  }

  private static String abbreviated(String header) {
    return header.length() <= 80 ? header : header.substring(0, 77) + "...";
  }
}
