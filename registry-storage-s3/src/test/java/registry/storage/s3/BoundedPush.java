package registry.storage.s3;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.DigestAlgorithm;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.UploadStatus;
import registry.core.spi.StorageDrivers;

/**
 * Run in a child JVM with a small heap by {@link S3BoundedMemoryIT}: pushes a generated blob in
 * chunks through the {@code s3} driver, reads it back, and prints {@code ok} when the digests
 * match. Arguments: endpoint, access key, secret key, bucket, root, total bytes, chunk bytes.
 */
public final class BoundedPush {

  private BoundedPush() {}

  public static void main(String[] args) throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put("regionendpoint", args[0]);
    p.put("accesskey", args[1]);
    p.put("secretkey", args[2]);
    p.put("bucket", args[3]);
    p.put("rootdirectory", args[4]);
    p.put("region", "us-east-1");
    p.put("forcepathstyle", true);
    long total = Long.parseLong(args[5]);
    int chunk = Integer.parseInt(args[6]);
    Digest expected = digestOf(total);
    try (Registry registry = Registry.builder().storage(StorageDrivers.create("s3", p)).build()) {
      Repository repo = registry.repository("bounded/push");
      UploadStatus s = repo.uploads().start();
      for (long off = 0; off < total; off += chunk) {
        s = repo.uploads().append(s.id(), off, new Generated(off, Math.min(chunk, total - off)));
      }
      BlobInfo blob = repo.uploads().finish(s.id(), expected, null);
      MessageDigest back = DigestAlgorithm.SHA256.newMessageDigest();
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = repo.blobs().open(blob.digest(), 0)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          back.update(buffer, 0, n);
        }
      }
      Digest read = Digest.of(DigestAlgorithm.SHA256, back.digest());
      System.out.println(read.equals(expected) && blob.size() == total ? "ok" : "mismatch " + read + " " + expected);
      System.out.println("max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }
  }

  private static Digest digestOf(long total) throws Exception {
    MessageDigest d = DigestAlgorithm.SHA256.newMessageDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = new Generated(0, total)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        d.update(buffer, 0, n);
      }
    }
    return Digest.of(DigestAlgorithm.SHA256, d.digest());
  }

  /** Bytes that depend only on their position, generated as read: never held whole. */
  static final class Generated extends InputStream {
    private static final byte[] PATTERN = new byte[1 << 20];

    static {
      new Random(42).nextBytes(PATTERN);
    }

    private long position;
    private final long end;

    Generated(long from, long length) {
      this.position = from;
      this.end = from + length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= end) {
        return -1;
      }
      int at = (int) (position % PATTERN.length);
      int n = (int) Math.min(Math.min(len, end - position), PATTERN.length - at);
      System.arraycopy(PATTERN, at, b, off, n);
      if (at == 0) {
        // the first byte of each pass over the pattern differs, so equal megabytes never repeat
        b[off] ^= (byte) (1 + position / PATTERN.length);
      }
      position += n;
      return n;
    }
  }
}
