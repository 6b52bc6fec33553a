package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A small client for protocol tests: sends a request to the server under test and checks what
 * every response must carry.
 */
final class Http {

  /** The parts of a response a test looks at. */
  record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The first error code of a JSON error body. */
    String errorCode() {
      String t = text();
      int i = t.indexOf("\"code\":\"");
      return i < 0 ? null : t.substring(i + 8, t.indexOf('"', i + 8));
    }
  }

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  Reply get(String path, String... headers) {
    return send("GET", path, BodyPublishers.noBody(), headers);
  }

  Reply head(String path, String... headers) {
    return send("HEAD", path, BodyPublishers.noBody(), headers);
  }

  Reply delete(String path, String... headers) {
    return send("DELETE", path, BodyPublishers.noBody(), headers);
  }

  Reply post(String path, byte[] body, String... headers) {
    return send("POST", path, BodyPublishers.ofByteArray(body), headers);
  }

  Reply put(String path, byte[] body, String... headers) {
    return send("PUT", path, BodyPublishers.ofByteArray(body), headers);
  }

  Reply patch(String path, byte[] body, String... headers) {
    return send("PATCH", path, BodyPublishers.ofByteArray(body), headers);
  }

  /** A request whose body has no declared length: sent with chunked transfer encoding. */
  Reply chunked(String method, String path, Supplier<InputStream> body, String... headers) {
    return send(method, path, BodyPublishers.ofInputStream(body), headers);
  }

  /** Sends to a path on the server or to an absolute URL (a {@code Location} it handed out). */
  Reply send(String method, String pathOrUrl, BodyPublisher body, String... headers) {
    URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).method(method, body);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), BodyHandlers.ofByteArray());
      Reply reply = new Reply(r.statusCode(), r.headers(), r.body());
      assertThat(reply.header("Docker-Distribution-API-Version"))
          .as("API version header of %s %s", method, pathOrUrl).isEqualTo("registry/2.0");
      if (reply.status() >= 400) {
        assertThat(reply.header("Content-Type")).as("error content type").startsWith("application/json");
        if (!method.equals("HEAD")) {
          assertThat(reply.text()).as("error body of %s %s", method, pathOrUrl)
              .startsWith("{\"errors\":[{\"code\":\"").doesNotContain("Exception", "\tat ");
        }
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
