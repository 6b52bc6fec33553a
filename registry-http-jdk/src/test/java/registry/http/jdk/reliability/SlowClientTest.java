package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.peers.V2Client;
import registry.http.jdk.RegistryServer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * Clients that stall, a request body that stops arriving or a response nobody reads, are cut
 * after {@code idleTimeout} while other clients keep being served; a slow but steady upload
 * that outlasts the timeout many times over is not cut, and a cut upload resumes.
 */
class SlowClientTest {

  private static final Duration IDLE = Duration.ofSeconds(1);

  /** Upload locations (path and query) by repository, to resume them. */
  private static final java.util.Map<String, String> UPLOADS = new java.util.concurrent.ConcurrentHashMap<>();

  @TempDir
  Path tmp;

  @Test
  void stalledClientsAreCutAndOthersKeepBeingServed() throws Exception {
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try (RegistryServer server = RegistryServer.builder().storage(FilesystemStorageDriver.create(tmp))
        .idleTimeout(IDLE).failureListener(failures::add).build().start()) {
      V2Client client = new V2Client(server.uri());
      Blob big = TestImages.Blob.random(new Random(1), 50 * 1024 * 1024);
      server.registry().repository("big/blob").blobs().put(new ByteArrayInputStream(big.bytes()), big.digest());
      Blob layer = TestImages.Blob.random(new Random(2), 200_000);
      ExecutorService pool = Executors.newCachedThreadPool();
      try {
        Future<Long> stalledUpload = pool.submit(() -> stallMidBody(server, client, layer));
        Future<Long> stalledReader = pool.submit(() -> neverRead(server, big));
        Future<Integer> steady = pool.submit(() -> slowSteadyUpload(server, client));
        Thread.sleep(300); // the stalled ones first: others are served while they hang
        List<CompletableFuture<Void>> pushes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          int n = i;
          pushes.add(CompletableFuture.runAsync(() -> push(client, n), pool));
        }
        long t0 = System.nanoTime();
        CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        long pushMillis = (System.nanoTime() - t0) / 1_000_000;

        long uploadCutAfter = stalledUpload.get(30, TimeUnit.SECONDS);
        long readerCutAfter = stalledReader.get(30, TimeUnit.SECONDS);
        assertThat(uploadCutAfter).as("stalled upload cut after (ms)").isBetween(IDLE.toMillis(), 5000L);
        assertThat(readerCutAfter).as("stalled reader cut after (ms)").isLessThan(8000L);
        assertThat(steady.get(30, TimeUnit.SECONDS)).as("slow steady upload's answer").isEqualTo(202);
        resume(server, client, layer);
        System.out.printf("reliability: slow clients: stalled upload cut after %d ms, stalled reader after %d ms,"
            + " 20 concurrent pushes done in %d ms meanwhile, a 5 s trickle upload not cut%n",
            uploadCutAfter, readerCutAfter, pushMillis);
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(failures).as("server-side failures (500s)").isEmpty();
  }

  private static void push(V2Client client, int n) {
    try {
      client.pushImage("team/app" + n, "1", TestImages.ociImage(new Random(100 + n), 2, 50_000));
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends headers and half of a PATCH body, then nothing; returns how long the server took to close. */
  private static long stallMidBody(RegistryServer server, V2Client client, Blob layer) throws Exception {
    String location = startUpload(server, client, "team/stalled");
    byte[] b = layer.bytes();
    try (Socket socket = connect(server)) {
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH " + location + " HTTP/1.1\r\nHost: " + server.hostAndPort()
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + b.length
          + "\r\nContent-Range: 0-" + (b.length - 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b, 0, b.length / 2);
      out.flush();
      long t0 = System.nanoTime();
      readUntilClosed(socket.getInputStream());
      return (System.nanoTime() - t0) / 1_000_000;
    }
  }

  /** The stalled upload, resumed: status says what arrived; PATCH the rest from there, then PUT. */
  private static void resume(RegistryServer server, V2Client client, Blob layer) throws Exception {
    String location = UPLOADS.get("team/stalled");
    HttpResponse<String> status = client.send(HttpRequest.newBuilder(server.uri().resolve(location)).build(), 204);
    String range = status.headers().firstValue("Range").orElseThrow();
    int offset = Integer.parseInt(range.substring(range.indexOf('-') + 1)) + 1;
    assertThat(offset).as("bytes kept of the cut upload").isPositive().isLessThanOrEqualTo(layer.bytes().length / 2);
    byte[] b = layer.bytes();
    HttpResponse<String> patched = client.send(HttpRequest.newBuilder(server.uri().resolve(location))
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", offset + "-" + (b.length - 1))
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(b, offset, b.length - offset)).build(), 202);
    URI next = server.uri().resolve(patched.headers().firstValue("Location").orElseThrow());
    client.send(HttpRequest.newBuilder(URI.create(next + (next.getQuery() == null ? "?" : "&") + "digest=" + layer.digest()))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), 201);
    assertThat(client.getBlob("team/stalled", layer.digest())).isEqualTo(b);
  }

  private static String startUpload(RegistryServer server, V2Client client, String repo) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri().resolve("/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
    URI location = server.uri().resolve(r.headers().firstValue("Location").orElseThrow());
    String pathAndQuery = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    UPLOADS.put(repo, pathAndQuery);
    return pathAndQuery;
  }

  /** GETs the 50 MiB blob, reads the headers and then nothing for 4 s; returns when the server had closed. */
  private static long neverRead(RegistryServer server, Blob big) throws Exception {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(("GET /v2/big/blob/blobs/" + big.digest() + " HTTP/1.1\r\nHost: "
          + server.hostAndPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      InputStream in = socket.getInputStream();
      in.read(new byte[512]); // the status line has come: the server is writing the body
      Thread.sleep(4000);
      long received = readUntilClosed(in);
      assertThat(received).as("bytes the stalled reader got").isLessThan(big.bytes().length);
      return (System.nanoTime() - t0) / 1_000_000;
    }
  }

  /** A PATCH whose 20 KiB body trickles in, 1 KiB every 300 ms (6 s, six idle timeouts); returns its status. */
  private static int slowSteadyUpload(RegistryServer server, V2Client client) throws Exception {
    String location = startUpload(server, client, "team/slow");
    int chunks = 20;
    byte[] chunk = new byte[1024];
    try (Socket socket = connect(server)) {
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH " + location + " HTTP/1.1\r\nHost: " + server.hostAndPort()
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + chunks * chunk.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < chunks; i++) {
        Thread.sleep(300);
        out.write(chunk);
        out.flush();
      }
      byte[] head = socket.getInputStream().readNBytes(12);
      return Integer.parseInt(new String(head, StandardCharsets.US_ASCII).substring(9, 12));
    }
  }

  private static Socket connect(RegistryServer server) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
    socket.setSoTimeout(15_000); // longer than any cut we expect: a hang fails the test
    return socket;
  }

  /** Reads until the server closes (EOF or reset); a read timeout means it never did. */
  private static long readUntilClosed(InputStream in) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n; (n = in.read(sink)) >= 0; ) {
        total += n;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server never closed the stalled connection", e);
    } catch (IOException reset) {
      // a reset is a close too
    }
    return total;
  }
}
