package registry.core.internal.io;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A small pool of copy buffers. Allocating a fresh 128 KiB array per request costs more than
 * hashing a small blob; virtual threads make thread-locals useless for this, so buffers are
 * lent from a bounded queue and dropped when it is full.
 */
final class Buffers {

  private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(64);

  private Buffers() {}

  static byte[] take(int size) {
    byte[] b = POOL.poll();
    return b != null && b.length == size ? b : new byte[size];
  }

  static void give(byte[] buffer) {
    POOL.offer(buffer);
  }
}
