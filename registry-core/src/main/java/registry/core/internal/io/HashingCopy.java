package registry.core.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Copies a stream to storage and hashes it on the way, in one pass through one buffer: the
 * bytes of a push are read once, hashed by the JDK's intrinsic SHA-256, and written.
 */
public final class HashingCopy {

  /** Large enough that the per-call overhead of hashing and writing vanishes against the bytes. */
  public static final int BUFFER_SIZE = 128 * 1024;

  private HashingCopy() {}

  /** Copies everything from {@code in} to {@code out}, updating {@code digest}; returns the bytes copied. */
  public static long copy(InputStream in, OutputStream out, MessageDigest digest) throws IOException {
    byte[] buffer = Buffers.take(BUFFER_SIZE);
    try {
      long total = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (n > 0) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          total += n;
        }
      }
      return total;
    } finally {
      Buffers.give(buffer);
    }
  }
}
