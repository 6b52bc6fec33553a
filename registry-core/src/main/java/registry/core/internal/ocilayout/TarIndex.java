package registry.core.internal.ocilayout;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each regular file of an uncompressed tar lies: one pass over the headers, seeking past
 * the data, so that the layout's files can then be read in any order without extracting them.
 * Names are normalized ({@code ./blobs/x} is {@code blobs/x}); a later entry of the same name
 * replaces an earlier one, as extracting would. Links, devices and sparse files are left out:
 * a layout needs none, and following links inside an archive is how extractors get tricked.
 */
final class TarIndex {

  /** The data of one file in the archive. */
  record Entry(long offset, long size) {}

  /** PAX and GNU long-name headers are small; a huge one is a broken or hostile archive. */
  private static final int MAX_EXTENSION_BYTES = 1024 * 1024;

  private TarIndex() {}

  /** Indexes the whole archive. */
  static Map<String, Entry> scan(FileChannel channel) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    long length = channel.size();
    long pos = 0;
    Map<String, String> pax = Map.of();
    String longName = null;
    byte[] block = new byte[TarHeader.BLOCK];
    while (pos + TarHeader.BLOCK <= length) {
      readFully(channel, ByteBuffer.wrap(block), pos);
      TarHeader header = TarHeader.parse(block);
      if (header == null) {
        break;  // the end-of-archive marker; whatever follows is padding
      }
      long size = header.size();
      if (pax.containsKey("size")) {
        size = parseSize(pax.get("size"));
      }
      long data = pos + TarHeader.BLOCK;
      if (data + size > length) {
        throw new EOFException("truncated tar archive: entry '" + header.name() + "' ends after the file");
      }
      switch (header.type()) {
        case 'x':
          pax = TarHeader.paxRecords(readSmall(channel, data, size));
          break;
        case 'L':
          longName = cString(readSmall(channel, data, size));
          break;
        case 'g':
          // Global PAX headers set defaults such as mtime; nothing a layout reader needs.
          break;
        default:
          String name = pax.containsKey("path") ? pax.get("path") : longName != null ? longName : header.name();
          if (header.isRegularFile()) {
            entries.put(normalize(name), new Entry(data, size));
          }
          pax = Map.of();
          longName = null;
      }
      pos = data + roundUp(size);
    }
    return entries;
  }

  /** {@code ./a//b} and {@code /a/b} are {@code a/b}: writers differ in how they spell names. */
  static String normalize(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.startsWith("./") ? 2 : 1);
    }
    while (n.contains("//")) {
      n = n.replace("//", "/");
    }
    return n;
  }

  static long roundUp(long size) {
    return (size + TarHeader.BLOCK - 1) / TarHeader.BLOCK * TarHeader.BLOCK;
  }

  private static long parseSize(String value) throws IOException {
    try {
      long size = Long.parseLong(value.trim());
      if (size < 0) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw new IOException("corrupt PAX header: invalid size '" + value + "'");
    }
  }

  private static byte[] readSmall(FileChannel channel, long offset, long size) throws IOException {
    if (size > MAX_EXTENSION_BYTES) {
      throw new IOException("tar extension header of " + size + " bytes is larger than any layout needs");
    }
    byte[] bytes = new byte[(int) size];
    readFully(channel, ByteBuffer.wrap(bytes), offset);
    return bytes;
  }

  private static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long pos = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, pos);
      if (n < 0) {
        throw new EOFException("truncated tar archive");
      }
      pos += n;
    }
  }
}
