package registry.http.jdk.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts exchanges whose client stopped making progress: a request body that stopped arriving, or
 * a response the client stopped reading. Only idleness counts, never total duration, so a slow
 * but steady upload of any length is never cut. The one deadline it keeps is for the request
 * head (see {@link RequestHeadDeadline}): a client has a fixed time to send its request line
 * and headers, however it trickles them.
 *
 * <p>Why an interrupt: the JDK server reads and writes its connections as blocking
 * {@code SocketChannel}s (through {@code SSLStreams} for HTTPS and our pass-through engine
 * alike), and a thread interrupted while blocked in one closes that channel and gets a
 * {@code ClosedByInterruptException}. {@code HttpExchange.close()} is no way out: it may itself
 * block writing the final chunk to the stalled client. The interrupt is sent only while the
 * exchange's thread is inside a read or write of the connection (see {@link Tracker}), so it can
 * never land in storage I/O, where it would close a file channel instead.
 */
public final class IdleWatchdog implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk");

  private final long timeoutNanos;
  private final Set<Tracker> active = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;

  /**
   * How long the rest of an exchange whose request body was abandoned may block: long enough
   * for the JDK to read the bit of body it reads at the end of every exchange when the client
   * is sending it, short enough that a client that announced a body and never sends it is not
   * kept waiting for the idle timeout.
   */
  static final Duration ABANDONED = Duration.ofSeconds(1);

  /**
   * A watchdog with one daemon thread that checks a few times per timeout (at least each
   * second).
   *
   * @param timeout how long an exchange may make no progress; zero for ever (abandoned request
   *     bodies are still cut after {@link #ABANDONED})
   * @param headTimeout the shortest limit given to {@link #startDeadline}, to check often enough
   *     for it; zero when there is none
   */
  public IdleWatchdog(Duration timeout, Duration headTimeout) {
    if (timeout.isNegative() || headTimeout.isNegative()) {
      throw new IllegalArgumentException("negative timeout: " + timeout + ", " + headTimeout);
    }
    this.timeoutNanos = timeout.isZero() ? Long.MAX_VALUE : timeout.toNanos();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "registry-idle-watchdog");
      t.setDaemon(true);
      return t;
    });
    long period = 1000;
    for (Duration d : new Duration[] {timeout, headTimeout}) {
      if (!d.isZero()) {
        period = Math.min(period, Math.max(10, d.toMillis() / 4));
      }
    }
    timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /** Starts watching the exchange that runs on the calling thread; close the tracker when it ends. */
  Tracker track() {
    Tracker t = new Tracker(Thread.currentThread(), timeoutNanos);
    active.add(t);
    return t;
  }

  /**
   * Starts a deadline for the I/O the calling thread is about to do, as one call lasting until
   * {@link Tracker#exit()}: cut once it has lasted {@code limit}, whatever arrived meanwhile.
   */
  Tracker startDeadline(Duration limit) {
    Tracker t = new Tracker(Thread.currentThread(), limit.toNanos());
    active.add(t);
    synchronized (t) {
      t.inIo = true;
      t.lastProgress = System.nanoTime();
    }
    return t;
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Tracker t : active) {
      t.expireIfIdle(now);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /**
   * The progress of one exchange. Its thread brackets each blocking read or write of the
   * connection with {@link #enter()} and {@link #exit()}; the watchdog interrupts it only
   * between the two, holding the same lock, so the interrupt cannot outlive the I/O call. The
   * clock starts at {@link #enter()}: time the handler spends on storage between calls is not
   * the client's idleness.
   */
  final class Tracker implements AutoCloseable {
    private final Thread thread;
    private long limitNanos;
    private long lastProgress;
    private boolean inIo;
    private boolean cut;

    private Tracker(Thread thread, long limitNanos) {
      this.thread = thread;
      this.limitNanos = limitNanos;
    }

    synchronized void enter() throws IOException {
      if (cut) {
        throw idle();
      }
      inIo = true;
      lastProgress = System.nanoTime();
    }

    /**
     * Ends an I/O call. When the watchdog cut the exchange meanwhile, clears the interrupt (the
     * pool thread lives on) and fails the call.
     */
    synchronized void exit() throws IOException {
      inIo = false;
      if (cut) {
        Thread.interrupted();
        throw idle();
      }
    }

    /**
     * The exchange answered without reading all of its request body and will close its
     * connection: what it still does (the JDK reads a little of the body when the response
     * ends) may block for {@link #ABANDONED} only. Call it once the response is written, just
     * before closing the response stream.
     */
    void abandonRequestBody() {
      synchronized (this) {
        limitNanos = Math.min(limitNanos, ABANDONED.toNanos());
      }
      try {
        timer.schedule(() -> expireIfIdle(System.nanoTime()), ABANDONED.toMillis() + 50, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        // The server is closing: its connections go with it.
      }
    }

    synchronized void expireIfIdle(long now) {
      if (inIo && !cut && now - lastProgress > limitNanos) {
        cut = true;
        thread.interrupt();
        LOG.log(System.Logger.Level.DEBUG, () -> "cut an exchange idle for more than " + Duration.ofNanos(limitNanos));
      }
    }

    private IOException idle() {
      return new IOException("no progress for " + Duration.ofNanos(limitNanos) + ": connection closed");
    }

    @Override
    public void close() {
      active.remove(this);
      synchronized (this) {
        if (cut) {
          Thread.interrupted();
        }
      }
    }
  }
}
