package registry.core.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import registry.core.Digest;
import registry.core.Registry;
import registry.core.RegistryEvent;
import registry.core.storage.InMemoryStorageDriver;

/** Notifications received by a real HTTP server on a loopback port. */
class NotificationEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final List<String> auth = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/events", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (failFirst.getAndDecrement() > 0) {
        exchange.sendResponseHeaders(503, -1);
      } else {
        received.add(JSON.readTree(body));
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.sendResponseHeaders(200, -1);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  @Test
  void pushesArriveAsDistributionEnvelopes() throws Exception {
    NotificationEndpoint endpoint = NotificationEndpoint.builder(url()).name("audit")
        .header("Authorization", "Bearer token").ignoredActions(Set.of(RegistryEvent.Action.PULL)).build();
    Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).listener(endpoint).build();
    byte[] content = {1, 2, 3};
    registry.repository("team/app").blobs().put(new ByteArrayInputStream(content), Digest.sha256(content));
    registry.repository("team/app").blobs().open(Digest.sha256(content), 0).close();
    registry.close();
    endpoint.close();

    assertThat(received).hasSize(1);
    JsonNode event = received.get(0).get("events").get(0);
    assertThat(event.get("action").asText()).isEqualTo("push");
    assertThat(event.get("target").get("repository").asText()).isEqualTo("team/app");
    assertThat(event.get("target").get("digest").asText()).isEqualTo(Digest.sha256(content).toString());
    assertThat(event.get("target").get("size").asLong()).isEqualTo(3);
    assertThat(event.get("timestamp").asText()).isNotEmpty();
    assertThat(contentTypes).containsExactly(NotificationEndpoint.MEDIA_TYPE);
    assertThat(auth).containsExactly("Bearer token");
    assertThat(endpoint.delivered()).isEqualTo(1);
  }

  @Test
  void failedDeliveriesAreRetriedAfterTheBackoff() throws Exception {
    failFirst.set(3);
    NotificationEndpoint endpoint = NotificationEndpoint.builder(url()).threshold(2)
        .backoff(Duration.ofMillis(50)).build();
    Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).listener(endpoint).build();
    byte[] content = {9};
    registry.repository("a/b").blobs().put(new ByteArrayInputStream(content), Digest.sha256(content));
    registry.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    endpoint.close();
    assertThat(received).hasSize(1);
    assertThat(failFirst.get()).isNegative();
  }

  @Test
  void keepsTheSettingsItWasBuiltWith() throws Exception {
    NotificationEndpoint.Builder builder = NotificationEndpoint.builder(url()).header("Authorization", "Bearer first");
    NotificationEndpoint endpoint = builder.build();
    builder.header("Authorization", "Bearer later").ignoredActions(Set.of(RegistryEvent.Action.PUSH));
    endpoint.onEvent(pushOf((byte) 1));
    endpoint.close();

    assertThat(auth).containsExactly("Bearer first");
  }

  @Test
  void startsItsSenderWithTheFirstEvent() throws Exception {
    String name = "lazy-" + System.nanoTime();
    NotificationEndpoint endpoint = NotificationEndpoint.builder(url()).name(name).build();
    assertThat(senderThreads(name)).isZero();
    endpoint.onEvent(pushOf((byte) 2));
    assertThat(senderThreads(name)).isEqualTo(1);
    endpoint.close();
    assertThat(received).hasSize(1);
  }

  @Test
  void closingAnEndpointThatNeverSentIsQuick() {
    NotificationEndpoint endpoint = NotificationEndpoint.builder(url()).timeout(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    endpoint.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void settersRefuseNullNamingTheSetting() {
    NotificationEndpoint.Builder b = NotificationEndpoint.builder(url());
    Map<String, Runnable> calls = Map.of(
        "url", () -> NotificationEndpoint.builder(null),
        "name", () -> b.name(null),
        "header name", () -> b.header(null, "v"),
        "header value", () -> b.header("X", null),
        "timeout", () -> b.timeout(null),
        "backoff", () -> b.backoff(null),
        "ignoredMediaTypes", () -> b.ignoredMediaTypes(null),
        "ignoredActions", () -> b.ignoredActions(null),
        "storage", () -> Registry.builder().storage(null),
        "listener", () -> Registry.builder().listener(null));
    calls.forEach((setting, call) -> assertThatThrownBy(call::run)
        .as(setting).isInstanceOf(NullPointerException.class).hasMessage(setting));
  }

  private static long senderThreads(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("registry-notify-" + name)).count();
  }

  private static RegistryEvent pushOf(byte b) {
    return new RegistryEvent(RegistryEvent.Action.PUSH, registry.core.RepositoryName.of("x"),
        Digest.sha256(new byte[] {b}), "application/octet-stream", 1, null, null, java.time.Instant.now());
  }

  @Test
  void aFullQueueDropsAndCounts() throws Exception {
    server.stop(0); // nobody listens: every send fails
    NotificationEndpoint endpoint = NotificationEndpoint.builder(url()).queueCapacity(2).threshold(1)
        .backoff(Duration.ofSeconds(5)).timeout(Duration.ofMillis(200)).build();
    for (int i = 0; i < 10; i++) {
      endpoint.onEvent(pushOf((byte) i));
    }
    assertThat(endpoint.dropped()).isBetween(7L, 8L);
    endpoint.close();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
  }
}
