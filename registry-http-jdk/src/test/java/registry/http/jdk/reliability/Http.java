package registry.http.jdk.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import registry.core.Digest;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;

/**
 * The push steps one at a time, for tests that must know which step a failure cut (V2Client
 * pushes a blob in one call). A dead server is an {@link IOException}; any unexpected status
 * an {@link AssertionError}. Locations are kept as path and query, so that an upload started
 * on one server process can be resumed on the next, whatever its port.
 */
final class Http {

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  /** POST: a new upload; its location. */
  String startUpload(String repo) throws IOException, InterruptedException {
    return location(send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()), 202));
  }

  /** PATCH bytes {@code from} to {@code to} (exclusive) with Content-Range; the next location. */
  String patch(String location, byte[] b, long from, int to) throws IOException, InterruptedException {
    return location(send(patchRequest(location, b, from, to), 202));
  }

  /** As {@link #patch}, but null when the server refuses the offset with 416. */
  String patchOrRefused(String location, byte[] b, long from) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(patchRequest(location, b, from, b.length).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 416) {
      return null;
    }
    check(r, 202);
    return location(r);
  }

  private HttpRequest.Builder patchRequest(String location, byte[] b, long from, int to) {
    return HttpRequest.newBuilder(base.resolve(location))
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", from + "-" + (to - 1))
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(b, (int) from, (int) (to - from)));
  }

  /** PUT with the digest and no body: completes the upload. */
  void finish(String location, Digest digest) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(base.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest))
        .PUT(HttpRequest.BodyPublishers.noBody()), 201);
  }

  /** A monolithic push: POST then PUT with the body. */
  void pushBlob(String repo, Blob blob) throws IOException, InterruptedException {
    String location = startUpload(repo);
    send(HttpRequest.newBuilder(base.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + blob.digest()))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())), 201);
  }

  void putManifest(String repo, String reference, Image image) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + reference))
        .header("Content-Type", image.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(image.manifest())), 201);
  }

  void pushImage(String repo, String reference, Image image) throws IOException, InterruptedException {
    pushBlob(repo, image.config());
    for (Blob layer : image.layers()) {
      pushBlob(repo, layer);
    }
    putManifest(repo, reference, image);
  }

  HttpResponse<String> send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
    return check(client.send(request.build(), HttpResponse.BodyHandlers.ofString()), expected);
  }

  private static HttpResponse<String> check(HttpResponse<String> r, int expected) {
    if (r.statusCode() != expected) {
      throw new AssertionError(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
          + " (expected " + expected + "): " + r.body());
    }
    return r;
  }

  private String location(HttpResponse<String> r) {
    URI l = base.resolve(r.headers().firstValue("Location").orElseThrow());
    return l.getRawPath() + (l.getRawQuery() == null ? "" : "?" + l.getRawQuery());
  }
}
