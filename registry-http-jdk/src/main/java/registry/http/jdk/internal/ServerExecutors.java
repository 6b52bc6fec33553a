package registry.http.jdk.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs exchanges. Never the server's default (the dispatcher thread itself),
 * where one slow upload would stall every other connection.
 */
public final class ServerExecutors {

  /** Threads of the fallback pool: uploads block a thread for their whole duration. */
  static final int POOL_THREADS = 256;

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

  /** The bounded platform-thread pool. */
  static ExecutorService pool() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "registry-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
