package registry.http.jdk.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/** A small HTTP client for access-control tests: one request, the reply and its error code. */
final class Client {

  /** The parts of a reply a test looks at. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The first error code of a JSON error body, or null. */
    String errorCode() {
      int i = body.indexOf("\"code\":\"");
      return i < 0 ? null : body.substring(i + 8, body.indexOf('"', i + 8));
    }
  }

  private final HttpClient http;
  private final URI base;

  Client(URI base, SSLContext tls) {
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
    this.base = base;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Reply get(String path, String authorization) {
    return send("GET", path, authorization, new byte[0]);
  }

  Reply send(String method, String path, String authorization, byte[] body) {
    return send(request(method, path, authorization)
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A body of unknown length, so it travels with {@code Transfer-Encoding: chunked}, and its {@code Content-Range}. */
  Reply streamed(String method, String path, String authorization, byte[] body, String contentRange) {
    return send(request(method, path, authorization)
        .header("Content-Range", contentRange)
        .header("Content-Type", "application/octet-stream")
        .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
  }

  private HttpRequest.Builder request(String method, String path, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path) : base.resolve(path))
        .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private Reply send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(b.build().method() + " " + b.build().uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
