package registry.http.jdk.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.testkit.peers.V2Client;
import registry.http.jdk.junit.RegistryExtension;

/**
 * Request bodies whose framing is broken, or announced and never sent, are answered at once and
 * the connection closed: the client learns what is wrong instead of waiting for the idle
 * timeout, and the server holds no thread for a body that cannot come.
 */
class BrokenFramingTest {

  /** Far below the idle timeout (60 s): an answer this late was not "at once". */
  private static final long PROMPT_MILLIS = 5_000;

  @RegisterExtension
  static final RegistryExtension registry = RegistryExtension.builder().build();

  @ParameterizedTest(name = "chunk size {0}")
  @ValueSource(strings = {"zz", "123456789abcdef012345", "-1"})
  void aChunkedUploadWithABadChunkSizeGets400AndTheConnectionCloses(String size) throws Exception {
    String location = startUpload();
    Reply reply = exchange("PATCH " + location + " HTTP/1.1\r\nHost: " + registry.hostAndPort()
        + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        + size + "\r\nabc\r\n");
    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    assertThat(reply.text()).contains("BLOB_UPLOAD_INVALID");
    assertThat(reply.millis()).as("answered after (ms)").isLessThan(PROMPT_MILLIS);
    assertThat(reply.closed()).as("connection closed after the answer").isTrue();
  }

  @Test
  void aManifestDeclaredOverTheCapWithNoBodyGets413AndTheConnectionCloses() throws Exception {
    Reply reply = exchange("PUT /v2/team/app/manifests/1 HTTP/1.1\r\nHost: " + registry.hostAndPort()
        + "\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\nContent-Length: 100000000\r\n\r\n");
    assertThat(reply.status()).as(reply.text()).isEqualTo(413);
    assertThat(reply.text()).contains("MANIFEST_INVALID");
    assertThat(reply.millis()).as("answered after (ms)").isLessThan(PROMPT_MILLIS);
    assertThat(reply.closed()).as("connection closed after the answer").isTrue();
  }

  private String startUpload() throws IOException, InterruptedException {
    HttpResponse<String> r = new V2Client(registry.uri()).send(HttpRequest.newBuilder(
        registry.uri().resolve("/v2/team/app/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
    URI location = registry.uri().resolve(r.headers().firstValue("Location").orElseThrow());
    return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
  }

  /** What the server said to a request, how soon, and whether it then closed the connection. */
  record Reply(int status, String text, long millis, boolean closed) {}

  /**
   * Sends the request and keeps the connection open (as a client that still means to send
   * more), then reads the answer and waits up to {@link #PROMPT_MILLIS} for the server to close.
   */
  private Reply exchange(String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", registry.server().port()), 5000);
      socket.setSoTimeout((int) PROMPT_MILLIS * 3);
      long t0 = System.nanoTime();
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      int first;
      try {
        first = in.read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer in " + PROMPT_MILLIS * 3 + " ms to: " + request.lines().findFirst().orElse(""));
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      if (first < 0) {
        return new Reply(-1, "", millis, true);
      }
      got.write(first);
      socket.setSoTimeout((int) PROMPT_MILLIS);
      boolean closed;
      try {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
          got.write(buf, 0, n);
        }
        closed = true;
      } catch (SocketTimeoutException e) {
        closed = false;
      } catch (IOException reset) {
        closed = true;
      }
      String text = got.toString(StandardCharsets.ISO_8859_1);
      return new Reply(Integer.parseInt(text.substring(9, 12)), text, millis, closed);
    }
  }
}
