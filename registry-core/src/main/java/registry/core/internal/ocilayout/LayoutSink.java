package registry.core.internal.ocilayout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import registry.core.Digest;

/**
 * Where an export writes an OCI image layout. Calls come in this order: {@link #begin}, then
 * every blob, then {@link #commit}; a sink closed without a commit leaves no layout behind that
 * names missing blobs.
 */
interface LayoutSink extends Closeable {

  /** Starts the layout whose {@code index.json} lists {@code entry} (named {@code tag}, or null). */
  void begin(ObjectNode entry, String tag) throws IOException;

  /** Whether the layout already holds this blob (a directory exported to before). */
  boolean has(Digest digest, long size) throws IOException;

  /**
   * Adds a blob of exactly {@code size} bytes.
   *
   * @throws IOException when the bytes do not have {@code digest} or that size (corrupt storage)
   */
  void blob(Digest digest, long size, InputStream content) throws IOException;

  /** Makes the layout complete and visible. */
  void commit() throws IOException;

  /** Copies exactly {@code size} bytes and checks their digest, refusing a corrupt stored blob. */
  static void copyVerified(InputStream in, OutputStream out, Digest digest, long size) throws IOException {
    MessageDigest md = digest.algorithm().newMessageDigest();
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("stored blob " + digest + " is " + (size - left) + " bytes, shorter than " + size);
      }
      md.update(buffer, 0, n);
      out.write(buffer, 0, n);
      left -= n;
    }
    if (in.read() >= 0) {
      throw new IOException("stored blob " + digest + " is longer than " + size + " bytes");
    }
    Digest actual = Digest.of(digest.algorithm(), md.digest());
    if (!actual.equals(digest)) {
      throw new IOException("stored blob " + digest + " is corrupt: its bytes hash to " + actual);
    }
  }
}
