package registry.http.jdk.internal.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import registry.core.Registry;
import registry.core.gc.GarbageCollector;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.http.jdk.internal.config.Config;
import registry.http.jdk.internal.config.Durations;

/**
 * The serving registry's background work: upload purging ({@code storage.maintenance.uploadpurging})
 * and, when configured, garbage collection ({@code gc}). Neither runs on a read-only registry.
 */
final class Maintenance implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk.maintenance");

  private final ScheduledExecutorService purger;
  private final GarbageCollector collector;

  private Maintenance(ScheduledExecutorService purger, GarbageCollector collector) {
    this.purger = purger;
    this.collector = collector;
  }

  static Maintenance start(Registry registry, Config config) {
    Config.UploadPurging purging = config.storage().uploadPurging();
    Config.Gc gc = config.gc();
    if (config.storage().readOnly()) {
      if (purging.enabled() || gc.enabled()) {
        LOG.log(System.Logger.Level.INFO, "read-only: upload purging and garbage collection do not run");
      }
      return new Maintenance(null, null);
    }
    ScheduledExecutorService purger = null;
    if (purging.enabled()) {
      purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-upload-purge");
        t.setDaemon(true);
        return t;
      });
      // A random first delay, as distribution: instances over one storage do not purge in step.
      long interval = purging.interval().toMillis();
      long first = ThreadLocalRandom.current().nextLong(Math.min(interval, Duration.ofHours(1).toMillis()) + 1);
      purger.scheduleWithFixedDelay(() -> purge(registry, purging), first, interval, TimeUnit.MILLISECONDS);
      LOG.log(System.Logger.Level.INFO, () -> "upload purging every " + Durations.format(purging.interval())
          + " of uploads older than " + Durations.format(purging.age()) + (purging.dryRun() ? " (dry run)" : ""));
    }
    GarbageCollector collector = null;
    if (gc.enabled()) {
      GcOptions options = GcOptions.builder().deleteUntagged(gc.deleteUntagged()).gracePeriod(gc.gracePeriod())
          .purgeUploads(purging.enabled() && !purging.dryRun()).uploadMaxAge(purging.age()).build();
      collector = GarbageCollector.schedule(registry, options, gc.interval(),
          report -> LOG.log(System.Logger.Level.INFO, "garbage collection: " + report.summary()));
      LOG.log(System.Logger.Level.INFO, () -> "garbage collection every " + Durations.format(gc.interval())
          + ", grace period " + Durations.format(gc.gracePeriod()));
    }
    return new Maintenance(purger, collector);
  }

  private static void purge(Registry registry, Config.UploadPurging purging) {
    try {
      List<GcReport.PurgedUpload> purged = registry.purgeUploads(purging.age(), purging.dryRun());
      for (GcReport.PurgedUpload p : purged) {
        LOG.log(System.Logger.Level.INFO, (purging.dryRun() ? "upload eligible for purging: " : "purged upload: ")
            + p.id() + " (" + p.repository() + ")");
      }
    } catch (Exception e) {
      // The schedule goes on: the next run may succeed (storage back).
      LOG.log(System.Logger.Level.ERROR, "upload purging failed", e);
    }
  }

  /** Stops both schedules, waiting (a minute at most) for a run in progress to end. */
  @Override
  public void close() {
    try {
      if (purger != null) {
        purger.shutdownNow();
        purger.awaitTermination(1, TimeUnit.MINUTES);
      }
      if (collector != null) {
        collector.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
