package registry.http.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes plain ustar archives of regular files, with fixed owner, mode and time so that the same
 * entries give the same bytes (and so the same layer digests) on every run.
 */
final class Tar {

  private static final int BLOCK = 512;

  private Tar() {}

  /** An archive of {@code entries} (name to content), in name order. */
  static byte[] of(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
      out.writeBytes(header(e.getKey(), e.getValue().length));
      out.writeBytes(e.getValue());
      out.writeBytes(new byte[pad(e.getValue().length)]);
    }
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  /** An archive of every regular file under {@code dir}, named relative to it with {@code /}. */
  static byte[] of(Path dir) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    try (var files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        entries.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return of(entries);
  }

  private static byte[] header(String name, long size) {
    byte[] h = new byte[BLOCK];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length > 100) {
      throw new IllegalArgumentException("name longer than ustar's 100 bytes: " + name);
    }
    System.arraycopy(n, 0, h, 0, n.length);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    h[156] = '0';
    put(h, 257, "ustar");
    put(h, 263, "00");
    // The checksum is computed with its own field read as spaces.
    put(h, 148, "        ");
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int offset, String value) {
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(v, 0, h, offset, v.length);
  }

  private static int pad(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }
}
