package registry.http.jdk.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Gives each request a fixed time to send its request line and headers, then cuts the
 * connection. A head trickled a byte at a time otherwise holds an executor thread for ever.
 *
 * <p>Why here: the JDK server's dispatcher hands a connection to the executor as soon as any
 * byte of a request is readable, and the executor's task reads the request line and headers
 * with blocking reads, then runs the handler in the same call (JDK 17 to 25,
 * {@code ServerImpl.Exchange.run}). Nothing of the JDK bounds that read: its
 * {@code sun.net.httpserver.maxReqTime} (default none) would also cap every upload, since it
 * counts until the body is read, and it is one setting for the whole JVM. So the deadline
 * starts when the executor starts the task ({@link #executor}) and ends when the first filter
 * of a context runs ({@link #filter}), which is when the head has been parsed. A late head is
 * cut as the {@link IdleWatchdog} cuts a stalled body: by interrupting its thread while it is
 * blocked reading the connection.
 *
 * <p>A connection that has sent nothing at all holds no thread: the JDK keeps it in its
 * selector and closes it after {@code sun.net.httpserver.idleInterval} (30 s).
 */
public final class RequestHeadDeadline {

  private final IdleWatchdog watchdog;
  private final Duration limit;
  private final ThreadLocal<IdleWatchdog.Tracker> reading = new ThreadLocal<>();

  /** A deadline of {@code limit} (positive), kept by the watchdog's thread. */
  public RequestHeadDeadline(IdleWatchdog watchdog, Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("request head timeout must be positive: " + limit);
    }
    this.watchdog = watchdog;
    this.limit = limit;
  }

  /** The server's executor: runs each of the JDK's tasks, which begin by reading a head, under the deadline. */
  public Executor executor(Executor pool) {
    return task -> pool.execute(() -> {
      IdleWatchdog.Tracker tracker = watchdog.startDeadline(limit);
      reading.set(tracker);
      try {
        task.run();
      } finally {
        reading.remove();
        tracker.close();
      }
    });
  }

  /** Ends the deadline once the head is in: add it first to every context of the server. */
  public Filter filter() {
    return new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        headArrived();
        chain.doFilter(exchange);
      }

      @Override
      public String description() {
        return "ends the request head deadline";
      }
    };
  }

  /**
   * Stops the clock. When the watchdog cut the head meanwhile, this fails, and the JDK closes
   * the connection instead of running the handler on it.
   */
  private void headArrived() throws IOException {
    IdleWatchdog.Tracker tracker = reading.get();
    if (tracker == null) {
      return;
    }
    reading.remove();
    try {
      tracker.exit();
    } finally {
      tracker.close();
    }
  }
}
