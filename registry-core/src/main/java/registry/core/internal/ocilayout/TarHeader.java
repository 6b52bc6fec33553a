package registry.core.internal.ocilayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One 512-byte tar header, read from the POSIX ustar layout (with GNU and PAX extensions as
 * Go's {@code archive/tar}, skopeo and {@code docker save} write them). Only what an OCI image
 * layout needs is interpreted: the name, the size and the entry type.
 *
 * @param name the entry's name as stored (prefix joined), before any PAX or GNU long name
 * @param size the entry's data size in bytes
 * @param type the type flag ({@code '0'} regular file, {@code '5'} directory, {@code 'x'} PAX...)
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html">POSIX pax/ustar format</a>
 */
record TarHeader(String name, long size, char type) {

  static final int BLOCK = 512;

  /** A regular file: {@code '0'}, the old {@code NUL} and contiguous {@code '7'}. */
  boolean isRegularFile() {
    return type == '0' || type == '\0' || type == '7';
  }

  /**
   * Parses a header block, checking its checksum.
   *
   * @return the header, or null for an all-zero block (the end of the archive)
   * @throws IOException when the block is no tar header
   */
  static TarHeader parse(byte[] block) throws IOException {
    if (isZero(block)) {
      return null;
    }
    long stored;
    try {
      stored = octal(block, 148, 8);
    } catch (IOException e) {
      throw new IOException("not a tar archive, or a corrupt one: no valid header checksum");
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : block[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    // Some old writers summed signed bytes; both are accepted, as GNU tar does.
    if (stored != unsigned && stored != signed) {
      throw new IOException("not a tar archive, or a corrupt one: header checksum mismatch");
    }
    String name = string(block, 0, 100);
    // "ustar\0" is POSIX, whose prefix field extends the name; GNU's "ustar " uses those bytes otherwise.
    boolean posix = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
        && block[261] == 'r' && block[262] == 0;
    if (posix) {
      String prefix = string(block, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    return new TarHeader(name, number(block, 124, 12), (char) (block[156] & 0xff));
  }

  /**
   * The records of a PAX extended header ({@code "<length> <key>=<value>\n"} each, the length
   * counting the whole record in bytes).
   */
  static Map<String, String> paxRecords(byte[] data) throws IOException {
    Map<String, String> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length && data[pos] != 0) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("corrupt PAX header: bad record length");
      }
      int end = pos + length;
      if (length <= 0 || space >= end || end > data.length || data[end - 1] != '\n') {
        throw new IOException("corrupt PAX header: record overruns its header");
      }
      String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq <= 0) {
        throw new IOException("corrupt PAX header: record without '='");
      }
      records.put(record.substring(0, eq), record.substring(eq + 1));
      pos = end;
    }
    return records;
  }

  /** A numeric field: octal ASCII, or GNU base-256 (high bit set) for values octal cannot hold. */
  static long number(byte[] block, int offset, int length) throws IOException {
    if ((block[offset] & 0x80) != 0) {
      if ((block[offset] & 0x40) != 0) {
        throw new IOException("corrupt tar header: negative size");
      }
      long value = block[offset] & 0x3f;
      for (int i = 1; i < length; i++) {
        if ((value >>> 55) != 0) {
          throw new IOException("corrupt tar header: size too large");
        }
        value = (value << 8) | (block[offset + i] & 0xff);
      }
      return value;
    }
    return octal(block, offset, length);
  }

  private static long octal(byte[] block, int offset, int length) throws IOException {
    long value = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && (block[i] == ' ' || block[i] == 0)) {
      i++;
    }
    boolean any = false;
    for (; i < end && block[i] >= '0' && block[i] <= '7'; i++) {
      if ((value >>> 60) != 0) {
        throw new IOException("corrupt tar header: number too large");
      }
      value = (value << 3) | (block[i] - '0');
      any = true;
    }
    for (; i < end; i++) {
      if (block[i] != ' ' && block[i] != 0) {
        throw new IOException("corrupt tar header: invalid octal number");
      }
    }
    return any ? value : 0;
  }

  private static String string(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
