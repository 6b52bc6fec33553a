package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts writing a large file out to the disk while it is still being written, so that the
 * force on commit has only the tail left to wait for instead of the whole file: for a 256 MiB
 * blob that force took 0.14 to 0.24 s here, after the last byte had arrived. The file is forced
 * from a thread of its own through a descriptor of its own, so neither the writer nor its
 * {@code close} waits for it. Nothing here promises durability; only commit does.
 */
final class Writeback {

  /** Bytes written since the last request that make the next one worthwhile. */
  static final long EVERY = 16L * 1024 * 1024;

  private static final int THREADS = 4;
  private static final ExecutorService FLUSHERS = flushers();

  private final Path file;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private volatile IOException failure;
  private long pending;

  Writeback(Path file) {
    this.file = file;
  }

  /** Counts {@code n} more bytes handed to the kernel; starts a flush every {@link #EVERY}. */
  void written(long n) {
    pending += n;
    if (pending >= EVERY && inFlight.compareAndSet(false, true)) {
      pending = 0;
      FLUSHERS.execute(this::flush);
    }
  }

  /**
   * The failure of an earlier background force, if any. The kernel reports a write-back error
   * to one force only, which may have been ours: commit must hear of it all the same.
   */
  IOException failure() {
    return failure;
  }

  private void flush() {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException gone) {
      inFlight.set(false); // renamed, finished or cancelled meanwhile: nothing left to start
      return;
    }
    try (channel) {
      channel.force(false);
    } catch (IOException e) {
      failure = e;
    } finally {
      inFlight.set(false);
    }
  }

  private static ExecutorService flushers() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "registry-fs-writeback-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
