package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * Hundreds of connections sending their headers slowly do not keep other clients waiting: on
 * JDK 17 each holds a pool thread while the JDK reads its head, and with fewer threads than
 * slow heads, new requests waited in line until the slow ones were cut.
 */
class ManySlowHeadsTest {

  /** More than the 256 threads the JDK 17 pool had. */
  private static final int SLOW = 300;

  @Test
  void requestsAreAnsweredPromptlyWhileManySlowHeadsAreOpen() throws Exception {
    try (RegistryServer server = RegistryServer.builder().storage(new InMemoryStorageDriver()).build().start();
        SlowHeads slow = SlowHeads.open(server.port(), SLOW)) {
      Thread.sleep(500); // every slow head has reached the server and holds its thread
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest ping = HttpRequest.newBuilder(server.uri().resolve("/v2/")).timeout(Duration.ofSeconds(5)).build();
      for (int i = 0; i < 20; i++) {
        // Far below the 10 s head limit the slow ones are cut at: an answer sooner was not waiting for that.
        HttpResponse<Void> r = client.send(ping, HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
      }
    }
  }
}
