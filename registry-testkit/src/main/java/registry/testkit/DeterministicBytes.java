package registry.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An endless, repeatable stream of pseudo-random bytes (xorshift64), so tests can write
 * gigabytes without holding them and without the cost of a secure generator.
 */
public final class DeterministicBytes {

  private long state;

  /** Starts the stream from {@code seed} (any value; zero is replaced). */
  public DeterministicBytes(long seed) {
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /** Fills {@code buffer[0..length)} with the next bytes of the stream. */
  public void fill(byte[] buffer, int length) {
    ByteBuffer words = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    int i = 0;
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      words.putLong(i, next());
    }
    if (i < length) {
      long last = next();
      for (; i < length; i++, last >>>= 8) {
        buffer[i] = (byte) last;
      }
    }
  }

  /** The next {@code length} bytes as a new array. */
  public byte[] next(int length) {
    byte[] b = new byte[length];
    fill(b, length);
    return b;
  }

  private long next() {
    state ^= state << 13;
    state ^= state >>> 7;
    state ^= state << 17;
    return state;
  }
}
