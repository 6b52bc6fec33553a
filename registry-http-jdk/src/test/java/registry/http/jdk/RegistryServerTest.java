package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import registry.core.Registry;
import registry.core.spi.StorageDriver;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.HookedStorageDriver;

/** The server itself: lifecycle, the TLS-probe answer, transport details. */
class RegistryServerTest {

  private RegistryServer server;
  private Http http;

  @BeforeEach
  void start() {
    server = RegistryServer.builder().storage(new InMemoryStorageDriver()).build().start();
    http = new Http(server.uri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersTlsClientHelloOnThePlainPortAtOnce() throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      socket.setSoTimeout(5000);
      // The first bytes of a TLS 1.2/1.3 ClientHello: handshake record, version, length, type.
      socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00, (byte) 0xc4, 0x03, 0x03});
      socket.getOutputStream().flush();
      String answer = new String(readAll(socket.getInputStream()), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.0 400 Bad Request\r\n").contains("Connection: close");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(http.get("/v2/").status()).isEqualTo(200);
  }

  @Test
  void httpsClientOnThePlainPortFailsFastInsteadOfHanging() {
    long start = System.nanoTime();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + server.hostAndPort() + "/v2/"))
        .timeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(SSLException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void servesWithThePlainJdkServerWhenAskedTo() {
    try (RegistryServer plain = RegistryServer.builder().storage(new InMemoryStorageDriver())
        .answerTlsProbes(false).build().start()) {
      assertThat(new Http(plain.uri()).get("/v2/").status()).isEqualTo(200);
    }
  }

  @Test
  void describesWhereItListens() {
    assertThat(server.hostAndPort()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
    assertThat(server.port()).isPositive();
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    assertThat(server.registry().deleteEnabled()).isTrue();
  }

  @Test
  void manySmallKeepAliveRequestsDoNotWaitOnNagle() {
    http.get("/v2/");
    long start = System.nanoTime();
    for (int i = 0; i < 300; i++) {
      assertThat(http.get("/v2/app/manifests/latest").status()).isEqualTo(404);
    }
    // With Nagle against delayed ACK each would take about 40 ms: 12 s in all.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void acceptsExpectContinue() {
    String location = http.post("/v2/app/blobs/uploads/", new byte[0]).header("Location");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(location)).expectContinue(true)
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build();
    HttpResponse<Void> r = sendQuietly(client, request);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Range")).hasValue("0-999");
  }

  @Test
  void closeWaitsForExchangesInProgressAndIsIdempotent() throws Exception {
    String location = http.post("/v2/app/blobs/uploads/", new byte[0]).header("Location");
    String path = URI.create(location).getRawPath();
    int port = server.port();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      // A raw chunked PATCH, so the test controls when each part leaves.
      out.write(("PATCH " + path + " HTTP/1.1\r\nHost: " + server.hostAndPort()
          + "\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      sleep(300);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      sleep(300);
      assertThat(closing).isNotDone();
      out.write("2\r\nde\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(readAll(socket.getInputStream()), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 202").contains("Range: 0-4");
      closing.get(5, TimeUnit.SECONDS);
    }
    server.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closesTheRegistryItMadeButNotOneItWasGiven() throws IOException {
    AtomicInteger madeClosed = new AtomicInteger();
    RegistryServer.builder().storage(closeCounting(madeClosed)).build().start().close();
    assertThat(madeClosed).hasValue(1);

    AtomicInteger givenClosed = new AtomicInteger();
    try (Registry given = Registry.builder().storage(closeCounting(givenClosed)).build()) {
      RegistryServer.builder().registry(given).build().start().close();
      assertThat(givenClosed).hasValue(0);
    }
    assertThat(givenClosed).hasValue(1);
  }

  @Test
  void closingAServerNeverStartedStillClosesTheRegistryItMade() {
    AtomicInteger closed = new AtomicInteger();
    RegistryServer.builder().storage(closeCounting(closed)).build().close();
    assertThat(closed).hasValue(1);
  }

  @Test
  void keepsFailuresUntilTaken() {
    StorageDriver brokenList = HookedStorageDriver.wrap(new InMemoryStorageDriver(), (operation, path) -> {
      if (operation.equals("list")) {
        throw new IllegalStateException("listing is broken on purpose");
      }
    });
    try (RegistryServer broken = RegistryServer.builder().storage(brokenList).build().start()) {
      assertThat(new Http(broken.uri()).get("/v2/_catalog").status()).isEqualTo(500);
      assertThat(broken.takeFailures()).singleElement().satisfies(
          f -> assertThat(f).hasMessageContaining("GET /v2/_catalog answered 500"));
      assertThat(broken.takeFailures()).isEmpty();
    }
  }

  /** In-memory storage that counts how often it is closed. */
  private static StorageDriver closeCounting(AtomicInteger closes) {
    return HookedStorageDriver.wrap(new InMemoryStorageDriver(), (operation, path) -> {
      if (operation.equals("close")) {
        closes.incrementAndGet();
      }
    });
  }

  static HttpResponse<Void> sendQuietly(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
