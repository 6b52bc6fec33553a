package registry.core.gc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import registry.core.Registry;

/**
 * Runs {@link Registry#collectGarbage} on a schedule inside a serving registry. Pushes and pulls
 * go on meanwhile: blobs younger than the grace period are never deleted, and what a push,
 * retag or mount makes reachable while a collection runs is kept, whichever instance over the
 * same storage served it and whichever collects.
 *
 * <pre>{@code
 * try (GarbageCollector gc = GarbageCollector.schedule(registry, GcOptions.defaults(),
 *     Duration.ofHours(6), report -> log(report.summary()))) {
 *   ... serve ...
 * }
 * }</pre>
 */
public final class GarbageCollector implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(GarbageCollector.class.getName());

  private final ScheduledExecutorService executor;

  private GarbageCollector(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Collects every {@code interval}, first after one interval, reporting each run to
   * {@code onReport}. A failed run is logged and the schedule goes on.
   */
  public static GarbageCollector schedule(Registry registry, GcOptions options, Duration interval,
      Consumer<GcReport> onReport) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "registry-gc");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        onReport.accept(registry.collectGarbage(options));
      } catch (Exception | Error e) {
        LOG.log(System.Logger.Level.ERROR, "scheduled garbage collection failed", e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new GarbageCollector(executor);
  }

  /** Stops the schedule and waits (up to a minute) for a running collection to end. */
  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(1, TimeUnit.MINUTES);
  }
}
