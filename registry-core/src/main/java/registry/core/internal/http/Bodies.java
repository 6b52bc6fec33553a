package registry.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import registry.core.ErrorCode;
import registry.core.RegistryException;

/** Request bodies: the capped read of a manifest and the length check of a ranged chunk. */
final class Bodies {

  private Bodies() {}

  /**
   * Reads a whole body of at most {@code cap} bytes. Reads at most {@code cap + 1} bytes, so an
   * oversized (or endless) body costs no more memory than an accepted one.
   *
   * @throws RegistryException {@link ErrorCode#MANIFEST_TOO_LARGE} over the cap
   */
  static byte[] readCapped(InputStream in, int cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 64 * 1024));
    byte[] buffer = new byte[16 * 1024];
    long limit = (long) cap + 1;
    long total = 0;
    while (total < limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, 0, n);
      total += n;
    }
    throw tooLarge(cap);
  }

  static RegistryException tooLarge(int cap) {
    return new RegistryException(ErrorCode.MANIFEST_TOO_LARGE,
        "manifest is larger than the " + cap + " bytes this registry accepts");
  }

  /** The request's {@code Content-Length}, when present and a number. */
  static Optional<Long> contentLength(Call call) {
    return call.header("Content-Length").flatMap(v -> {
      try {
        return Optional.of(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * A stream that fails with {@link ErrorCode#SIZE_INVALID} when the body is longer or shorter
   * than its {@code Content-Range} said, so the upload refuses it instead of storing it.
   */
  static InputStream exactLength(InputStream in, long expected) {
    return new FilterInputStream(in) {
      private long seen;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        // Ask for one byte more than allowed so that an overlong body is noticed.
        int n = in.read(b, off, (int) Math.min(len, expected - seen + 1));
        if (n < 0) {
          if (seen != expected) {
            throw mismatch();
          }
          return -1;
        }
        seen += n;
        if (seen > expected) {
          throw mismatch();
        }
        return n;
      }

      private RegistryException mismatch() {
        return new RegistryException(ErrorCode.SIZE_INVALID,
            "the chunk's length does not match its Content-Range (" + expected + " bytes)");
      }
    };
  }
}
