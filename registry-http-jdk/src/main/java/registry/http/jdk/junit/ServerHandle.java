package registry.http.jdk.junit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import registry.core.spi.StorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * A started server and the failures it reported, kept in a JUnit store, which closes it when
 * its class or test ends.
 */
final class ServerHandle implements AutoCloseable {

  private final RegistryServer server;
  private final Queue<Throwable> failures;
  private final boolean failOnServerErrors;

  private ServerHandle(RegistryServer server, Queue<Throwable> failures, boolean failOnServerErrors) {
    this.server = server;
    this.failures = failures;
    this.failOnServerErrors = failOnServerErrors;
  }

  static ServerHandle start(StorageDriver storage, Consumer<RegistryServer.Builder> customizer,
      boolean failOnServerErrors) {
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    RegistryServer.Builder builder = RegistryServer.builder().storage(storage);
    customizer.accept(builder);
    // Last, so that a customizer cannot switch off what this extension promises.
    builder.failureListener(failures::add);
    return new ServerHandle(builder.build().start(), failures, failOnServerErrors);
  }

  RegistryServer server() {
    return server;
  }

  /**
   * Fails with every failure reported since the last call, if any: the first as the cause (its
   * stack trace is the most useful), all as suppressed exceptions.
   */
  void throwIfFailed(String scope) {
    List<Throwable> seen = new ArrayList<>();
    for (Throwable t; (t = failures.poll()) != null; ) {
      seen.add(t);
    }
    if (seen.isEmpty() || !failOnServerErrors) {
      return;
    }
    AssertionError error = new AssertionError("the registry server at " + server.uri() + " failed "
        + seen.size() + " time(s) during " + scope + "; first: " + seen.get(0).getMessage(), seen.get(0));
    seen.subList(1, seen.size()).forEach(error::addSuppressed);
    throw error;
  }

  /** Stops the server, then closes its registry and storage: they were made for this test. */
  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      server.registry().close();
    }
  }
}
