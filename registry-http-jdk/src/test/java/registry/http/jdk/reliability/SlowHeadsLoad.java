package registry.http.jdk.reliability;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * A measurement, not a test: the latency of {@code GET /v2/} from one client while many
 * connections hold requests whose headers trickle in. Run from {@code registry-http-jdk} after
 * {@code mvn package} (or any {@code verify}), with the JDK to measure:
 *
 * <pre>{@code
 * java -cp 'target/modules/*:target/test-classes' registry.http.jdk.reliability.SlowHeadsLoad [slow] [requests]
 * }</pre>
 *
 * <p>The head limit is set past the measurement, so every slow connection stays open and holds
 * what it holds for the whole of it.
 */
public final class SlowHeadsLoad {

  private SlowHeadsLoad() {}

  public static void main(String[] args) throws Exception {
    int slowCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    try (RegistryServer server = RegistryServer.builder().storage(new InMemoryStorageDriver())
            .headerTimeout(Duration.ofMinutes(5)).build().start();
        SlowHeads slow = SlowHeads.open(server.port(), slowCount)) {
      Thread.sleep(1000); // every slow head has reached the server
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      HttpRequest ping = HttpRequest.newBuilder(server.uri().resolve("/v2/")).timeout(Duration.ofSeconds(60)).build();
      for (int i = 0; i < 200; i++) {
        client.send(ping, HttpResponse.BodyHandlers.discarding()); // warm-up: JIT and the client's pool
      }
      long[] micros = new long[requests];
      long start = System.nanoTime();
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        int status = client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
        micros[i] = (System.nanoTime() - t0) / 1000;
        if (status != 200) {
          throw new IllegalStateException("GET /v2/ answered " + status);
        }
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000;
      Arrays.sort(micros);
      System.out.printf("java %s, %d slow-header connections open, %d sequential GET /v2/ in %d s:"
          + " p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d live threads in this JVM%n",
          Runtime.version(), slowCount, requests, seconds, at(micros, 0.50), at(micros, 0.99),
          micros[micros.length - 1] / 1000.0, Thread.activeCount());
    }
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
  }
}
