package registry.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * What a test pays for a registry fixture once the JVM is warm: build and start an in-memory
 * {@link RegistryServer} on an ephemeral port, answer {@code GET /v2/}, close.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FixtureStartBenchmark {

  private final HttpClient client = HttpClient.newHttpClient();

  @Benchmark
  public int startFirstRequestClose() throws Exception {
    try (RegistryServer server = RegistryServer.builder().storage(new InMemoryStorageDriver()).build().start()) {
      HttpResponse<Void> r = client.send(HttpRequest.newBuilder(server.uri().resolve("/v2/")).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode();
    }
  }
}
