package examples;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import registry.core.Registry;
import registry.core.gc.GarbageCollector;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.http.jdk.RegistryServer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * A long-running registry on disk that collects its garbage every few hours while it serves:
 * no maintenance window, no read-only mode. Blobs younger than the grace period (an hour by
 * default) are never deleted, so pushes in progress lose nothing.
 *
 * <pre>
 * java examples.ScheduledGarbageCollection data 5000
 * </pre>
 */
public final class ScheduledGarbageCollection {

  private static final System.Logger LOG = System.getLogger("examples.gc");

  private ScheduledGarbageCollection() {}

  /** {@code [data directory] [port]}: serves and collects every 6 hours until stopped. */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "data");
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    Registry registry = Registry.builder()
        .storage(FilesystemStorageDriver.create(data))
        .deleteEnabled(true)
        .build();
    GcOptions options = GcOptions.builder().deleteUntagged(true).build();
    try (RegistryServer server = RegistryServer.builder().registry(registry)
             .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).build().start();
         GarbageCollector gc = schedule(registry, options, Duration.ofHours(6),
             report -> LOG.log(System.Logger.Level.INFO, report.summary()))) {
      System.out.println("serving " + server.uri() + " from " + data.toAbsolutePath());
      Thread.currentThread().join();
    }
  }

  /**
   * Collects garbage every {@code every}, first after one interval, handing each report to
   * {@code onReport}. Close the result to stop.
   */
  public static GarbageCollector schedule(Registry registry, GcOptions options, Duration every,
      Consumer<GcReport> onReport) {
    return GarbageCollector.schedule(registry, options, every, onReport);
  }
}
