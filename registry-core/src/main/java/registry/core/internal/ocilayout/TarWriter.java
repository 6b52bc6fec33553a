package registry.core.internal.ocilayout;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX tar (ustar, with a PAX header only for a name or size ustar cannot hold), as
 * every tar reader understands: what {@code skopeo}, {@code docker load} and {@code oras} read.
 * Entries are owned by root, dated 1970 and mode 644/755, so that the same layout always makes
 * the same bytes.
 */
final class TarWriter implements Closeable {

  /** The largest size the 11 octal digits of a ustar header hold. */
  private static final long MAX_USTAR_SIZE = 077777777777L;

  private final OutputStream out;
  private long entryRemaining;
  private long entrySize;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Adds a directory entry ({@code name} without the trailing slash). */
  void directory(String name) throws IOException {
    header(name + "/", 0, '5', 0755);
  }

  /** Adds a whole small file. */
  void file(String name, byte[] content) throws IOException {
    begin(name, content.length);
    write(content, 0, content.length);
    end();
  }

  /** Starts a file of exactly {@code size} bytes: {@link #write} them, then {@link #end}. */
  void begin(String name, long size) throws IOException {
    header(name, size, '0', 0644);
    entryRemaining = size;
    entrySize = size;
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len > entryRemaining) {
      throw new IOException("more bytes than the entry's declared size of " + entrySize);
    }
    out.write(b, off, len);
    entryRemaining -= len;
  }

  /** Ends a file, padding it to a whole block. */
  void end() throws IOException {
    if (entryRemaining != 0) {
      throw new IOException("entry ended " + entryRemaining + " bytes short of its declared size of " + entrySize);
    }
    pad(entrySize);
  }

  /** Writes the end-of-archive marker (two zero blocks) and flushes; does not close the stream. */
  void finish() throws IOException {
    out.write(new byte[2 * TarHeader.BLOCK]);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void header(String name, long size, char type, int mode) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    String prefix = "";
    String rest = name;
    boolean pax = size > MAX_USTAR_SIZE;
    if (nameBytes.length > 100) {
      // ustar splits a long name at a slash: up to 155 bytes of prefix, 100 of name.
      int slash = name.lastIndexOf('/', name.length() - 2);
      if (slash > 0 && slash <= 155 && name.length() - slash - 1 <= 100 && isAscii(name)) {
        prefix = name.substring(0, slash);
        rest = name.substring(slash + 1);
      } else {
        pax = true;
      }
    }
    if (pax) {
      StringBuilder records = new StringBuilder();
      records.append(record("path", name));
      if (size > MAX_USTAR_SIZE) {
        records.append(record("size", Long.toString(size)));
      }
      byte[] data = records.toString().getBytes(StandardCharsets.UTF_8);
      out.write(block("PaxHeaders/" + Integer.toHexString(name.hashCode()), "", data.length, 'x', 0644));
      out.write(data);
      pad(data.length);
      rest = truncate(rest, 100);
      prefix = "";
    }
    out.write(block(rest, prefix, Math.min(size, MAX_USTAR_SIZE), type, mode));
  }

  private static byte[] block(String name, String prefix, long size, char type, int mode) {
    byte[] b = new byte[TarHeader.BLOCK];
    put(b, 0, 100, name.getBytes(StandardCharsets.UTF_8));
    putOctal(b, 100, 8, mode);
    putOctal(b, 108, 8, 0);
    putOctal(b, 116, 8, 0);
    putOctal(b, 124, 12, size);
    putOctal(b, 136, 12, 0);
    b[156] = (byte) type;
    put(b, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(b, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(b, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
    // The checksum is computed with its own field as spaces: six octal digits, NUL, space.
    for (int i = 148; i < 156; i++) {
      b[i] = ' ';
    }
    long sum = 0;
    for (byte x : b) {
      sum += x & 0xff;
    }
    putOctal(b, 148, 7, sum);
    b[155] = ' ';
    return b;
  }

  /** A PAX record, {@code "<length> key=value\n"}, whose length counts its own digits. */
  private static String record(String key, String value) {
    int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() != Integer.toString(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }

  private static void put(byte[] block, int offset, int length, byte[] value) {
    System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
  }

  /** Zero-padded octal followed by a NUL, filling {@code length} bytes. */
  private static void putOctal(byte[] block, int offset, int length, long value) {
    String s = Long.toOctalString(value);
    StringBuilder padded = new StringBuilder();
    for (int i = s.length(); i < length - 1; i++) {
      padded.append('0');
    }
    put(block, offset, length, (padded + s + "\0").getBytes(StandardCharsets.US_ASCII));
  }

  private void pad(long size) throws IOException {
    int rest = (int) (TarIndex.roundUp(size) - size);
    if (rest > 0) {
      out.write(new byte[rest]);
    }
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }

  private static String truncate(String s, int bytes) {
    String t = s;
    while (t.getBytes(StandardCharsets.UTF_8).length > bytes) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
