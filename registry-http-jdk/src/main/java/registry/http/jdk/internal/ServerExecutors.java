package registry.http.jdk.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs exchanges. Never the server's default (the dispatcher thread itself),
 * where one slow upload would stall every other connection.
 */
public final class ServerExecutors {

  /**
   * Threads of the fallback pool. A connection holds one from the first byte of a request to the
   * end of its exchange: an upload for its whole duration, and a client sending its request line
   * and headers slowly for up to the header timeout, since the JDK reads them on this thread.
   * With 256, as many slow heads kept every other request waiting until they were cut; this
   * leaves room for a thousand of them besides the work. (An idle platform thread blocked in a
   * read costs little memory: its stack is committed as it is touched.)
   */
  static final int POOL_THREADS = 2048;

  private ServerExecutors() {}

  /**
   * One virtual thread per exchange when the JVM has them (JDK 21+; found reflectively since we
   * compile for 17), else a bounded pool of platform threads whose queue never blocks the
   * dispatcher.
   */
  public static ExecutorService create() {
    try {
      Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) factory.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException absentOrPreview) {
      // JDK 17-20: no virtual threads (19 and 20 have them only as a preview).
      return pool();
    }
  }

  /**
   * The bounded platform-thread pool. An idle thread takes the next exchange; a new thread is
   * made only when none is idle, up to {@link #POOL_THREADS}, and beyond that exchanges wait in
   * line. (A plain fixed pool would make a new thread for each of its first exchanges even with
   * idle ones about, and a cached pool has no bound.)
   */
  static ExecutorService pool() {
    return pool(POOL_THREADS, Duration.ofSeconds(30));
  }

  static ExecutorService pool(int maxThreads, Duration keepAlive) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "registry-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    HandOffQueue queue = new HandOffQueue();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, maxThreads, keepAlive.toNanos(),
        TimeUnit.NANOSECONDS, queue, threads, (task, p) -> {
          if (p.isShutdown()) {
            throw new RejectedExecutionException("the server is stopping");
          }
          queue.enqueue(task); // every thread is busy: wait for the first to finish
          if (p.getPoolSize() == 0) {
            p.prestartCoreThread(); // the last thread timed out meanwhile: someone must take it
          }
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * A queue that accepts a task only when an idle thread is waiting for one, so the pool makes a
   * thread instead of queueing while it is below its bound.
   */
  private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void enqueue(Runnable task) {
      super.offer(task);
    }
  }
}
