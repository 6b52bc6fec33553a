package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.peers.V2Client;
import registry.http.jdk.RegistryServer;

/**
 * A request line and headers not complete within {@code headerTimeout} are cut, however they
 * trickle in; the clock starts at a request's first byte and stops when its head is in, so an
 * idle keep-alive connection and a slow body are not cut by it.
 */
class SlowHeadersTest {

  private static final Duration HEAD_LIMIT = Duration.ofSeconds(1);

  private RegistryServer server;

  @BeforeEach
  void start() {
    server = RegistryServer.builder().storage(new InMemoryStorageDriver()).headerTimeout(HEAD_LIMIT).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aHeadTrickledPastTheLimitIsCut() throws Exception {
    ExecutorService trickler = Executors.newSingleThreadExecutor();
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /v2/ HTTP/1.1\r\nHost: " + server.hostAndPort() + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long t0 = System.nanoTime();
      // A byte every 100 ms: never idle, never done.
      Future<?> trickle = trickler.submit(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          out.write('a');
          out.flush();
          Thread.sleep(100);
        }
        return null;
      });
      byte[] answer = readUntilClosed(socket.getInputStream());
      long cutAfter = (System.nanoTime() - t0) / 1_000_000;
      trickle.cancel(true);
      assertThat(answer).as("bytes the server sent").isEmpty();
      assertThat(cutAfter).as("cut after (ms)").isBetween(HEAD_LIMIT.toMillis() - 100, 5_000L);
    } finally {
      trickler.shutdownNow();
    }
  }

  @Test
  void theLimitCountsFromARequestsFirstByteNotFromTheConnection() throws Exception {
    try (Socket socket = connect()) {
      String get = "GET /v2/ HTTP/1.1\r\nHost: " + server.hostAndPort() + "\r\n\r\n";
      assertThat(statusOf(socket, get)).isEqualTo(200);
      Thread.sleep(HEAD_LIMIT.toMillis() * 2); // idle between requests, as keep-alive clients are
      assertThat(statusOf(socket, get)).isEqualTo(200);
    }
  }

  @Test
  void aBodySlowerThanTheLimitIsNotCut() throws Exception {
    V2Client client = new V2Client(server.uri());
    HttpResponse<String> started = client.send(HttpRequest.newBuilder(server.uri().resolve("/v2/team/slow/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
    URI location = server.uri().resolve(started.headers().firstValue("Location").orElseThrow());
    int chunks = 10;
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH " + location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())
          + " HTTP/1.1\r\nHost: " + server.hostAndPort() + "\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Length: " + chunks + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < chunks; i++) {
        Thread.sleep(HEAD_LIMIT.toMillis() / 4); // 2.5 limits in all
        out.write('x');
        out.flush();
      }
      assertThat(statusOf(socket, "")).isEqualTo(202);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
    socket.setSoTimeout(15_000); // far past the limit: a server that never cuts fails the test
    return socket;
  }

  /** Sends what is given, reads the answer's head and returns its status. */
  private static int statusOf(Socket socket, String request) throws IOException {
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      head.write(c);
      if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(text.substring(9, 12));
    int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
    if (at >= 0) {
      in.readNBytes(Integer.parseInt(text.substring(at + 16, text.indexOf('\r', at)).trim()));
    }
    return status;
  }

  /** Everything the server sends until it closes; a read timeout means it never did. */
  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try {
      in.transferTo(got);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server never closed the connection", e);
    } catch (IOException reset) {
      // a reset is a close too
    }
    return got.toByteArray();
  }
}
