package registry.http.jdk.internal.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import registry.core.Registry;
import registry.core.RegistryListener;
import registry.core.notifications.NotificationEndpoint;
import registry.core.spi.StorageDriver;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.auth.AuthConfig;
import registry.http.jdk.auth.AuthConfigs;
import registry.http.jdk.internal.config.Config;
import registry.http.jdk.internal.config.ConfigException;
import registry.http.jdk.internal.config.PemTls;

/**
 * {@code serve [--lenient] [config.yml]}: serves until SIGTERM or Ctrl-C, then stops gracefully (requests in
 * progress finish, up to {@code http.draintimeout}) from a shutdown hook.
 */
final class Serve {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk");

  private Serve() {}

  /** Blocks until the JVM shuts down; returns only on failure to start. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err)
      throws UsageException, IOException, InterruptedException {
    boolean lenient = args.contains(Setup.LENIENT);
    List<String> files = args.stream().filter(a -> !a.equals(Setup.LENIENT)).collect(Collectors.toList());
    if (files.size() > 1 || (files.size() == 1 && files.get(0).startsWith("-"))) {
      throw new UsageException("usage: serve [--lenient] [config.yml]");
    }
    Config config = Setup.config(files.stream().findFirst().map(Path::of), env, lenient, err);
    Logging.configure(config.log());
    SSLContext tls = null;
    if (config.http().tls().isPresent()) {
      try {
        tls = PemTls.context(config.http().tls().get());
      } catch (ConfigException e) {
        throw new UsageException("configuration refused: " + e.getMessage());
      }
    }
    AuthConfig auth;
    try {
      auth = AuthConfigs.fromDistributionConfig(config.auth());
    } catch (IllegalArgumentException | IOException e) {
      // A missing htpasswd file is as much a configuration fault as a missing key.
      throw new UsageException("configuration refused: " + e.getMessage());
    }
    StorageDriver storage = Setup.storage(config.storage());
    List<NotificationEndpoint> endpoints = Notifications.endpoints(config.notifications());
    Registry registry = Registry.builder().storage(storage)
        .listener(RegistryListener.all(List.copyOf(endpoints)))
        .deleteEnabled(config.storage().deleteEnabled())
        .readOnly(config.storage().readOnly())
        .build();
    RegistryServer server;
    try {
      server = auth.applyTo(builder(config, registry, tls)).build().start();
    } catch (UncheckedIOException e) {
      registry.close();
      err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
      return 1;
    }
    Maintenance maintenance = Maintenance.start(registry, config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop(server, maintenance, registry, endpoints, out);
      } finally {
        stopped.countDown();
      }
    }, "registry-shutdown"));
    out.println("listening on " + url(server) + " (storage: " + config.storage().describe() + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  private static RegistryServer.Builder builder(Config config, Registry registry, SSLContext tls) {
    Config.Http http = config.http();
    RegistryServer.Builder b = RegistryServer.builder()
        .registry(registry)
        .address(http.addr())
        .relativeUrls(http.relativeUrls())
        .drainTimeout(http.drainTimeout())
        .idleTimeout(http.idleTimeout())
        .headerTimeout(http.headerTimeout())
        .answerTlsProbes(http.answerTlsProbes())
        // Access lines at INFO, as distribution's; "disabled" puts them below any log.level.
        .requestLogLevel(config.log().accessLog() ? System.Logger.Level.INFO : System.Logger.Level.TRACE);
    http.host().ifPresent(b::host);
    if (tls != null) {
      b.tls(tls);
    }
    return b;
  }

  /** Stops taking work, lets requests in progress end, then closes the storage. */
  private static void stop(RegistryServer server, Maintenance maintenance, Registry registry,
      List<NotificationEndpoint> endpoints, PrintStream out) {
    out.println("stopping");
    out.flush();
    maintenance.close();
    server.close();
    try {
      registry.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the storage failed", e);
    }
    Notifications.close(endpoints);
    out.println("stopped");
    out.flush();
  }

  /** The URL to reach the server; a wildcard address is shown as such, not as loopback. */
  private static String url(RegistryServer server) {
    InetSocketAddress a = server.address();
    if (a.getAddress().isAnyLocalAddress()) {
      return server.uri().getScheme() + "://0.0.0.0:" + a.getPort();
    }
    return server.uri().toString();
  }
}
