package registry.testkit.peers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import registry.core.Digest;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;

/**
 * A minimal OCI distribution client on {@link HttpClient}, for pushing to and pulling from any
 * registry in tests (ours or distribution). Fails loudly on any unexpected status.
 */
public final class V2Client {

  /** What every manifest GET accepts. */
  public static final String ACCEPT = String.join(",", List.of(
      "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  /** A client of the registry at {@code base}, such as {@code http://127.0.0.1:5000}. */
  public V2Client(URI base) {
    this.base = base;
  }

  /** Pushes a blob with POST then a monolithic PUT. */
  public void pushBlob(String repo, Blob blob) throws IOException, InterruptedException {
    HttpResponse<String> start = send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
    URI location = base.resolve(start.headers().firstValue("Location").orElseThrow());
    String sep = location.getQuery() == null ? "?" : "&";
    send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + blob.digest()))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())).build(), 201);
  }

  /** Pushes a blob in PATCH chunks of {@code chunk} bytes with Content-Range, then PUT. */
  public void pushBlobChunked(String repo, Blob blob, int chunk) throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
    URI location = base.resolve(r.headers().firstValue("Location").orElseThrow());
    byte[] b = blob.bytes();
    for (int off = 0; off < b.length; off += chunk) {
      int end = Math.min(b.length, off + chunk);
      r = send(HttpRequest.newBuilder(location)
          .header("Content-Type", "application/octet-stream")
          .header("Content-Range", off + "-" + (end - 1))
          .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(b, off, end - off)).build(), 202);
      location = base.resolve(r.headers().firstValue("Location").orElseThrow());
    }
    String sep = location.getQuery() == null ? "?" : "&";
    send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + blob.digest()))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), 201);
  }

  /** Pushes a manifest under a tag or digest; returns the digest the registry reports. */
  public Digest pushManifest(String repo, String reference, byte[] manifest, String mediaType)
      throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + reference))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), 201);
    return Digest.parse(r.headers().firstValue("Docker-Content-Digest").orElseThrow());
  }

  /** Pushes an image's blobs and manifest. */
  public Digest pushImage(String repo, String reference, Image image) throws IOException, InterruptedException {
    pushBlob(repo, image.config());
    for (Blob layer : image.layers()) {
      pushBlob(repo, layer);
    }
    return pushManifest(repo, reference, image.manifest(), image.mediaType());
  }

  /** GETs a manifest; the response keeps its headers. */
  public HttpResponse<byte[]> getManifest(String repo, String reference) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + reference))
        .header("Accept", ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** GETs a blob's bytes (following redirects). */
  public byte[] getBlob(String repo, Digest digest) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
        .send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/" + digest)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET blob " + digest + " answered " + r.statusCode());
    }
    return r.body();
  }

  /** The tags of a repository, in the order the registry lists them. */
  public List<String> tags(String repo) throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/tags/list")).build(), 200);
    return strings(r.body(), "tags");
  }

  /** The repositories of the catalog. */
  public List<String> catalog() throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/v2/_catalog")).build(), 200);
    return strings(r.body(), "repositories");
  }

  /** Sends a request and checks the status. */
  public HttpResponse<String> send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != expectedStatus) {
      throw new AssertionError(request.method() + " " + request.uri() + " answered " + r.statusCode()
          + " (expected " + expectedStatus + "): " + r.body());
    }
    return r;
  }

  private static List<String> strings(String json, String field) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    JsonNode array = JSON.readTree(json).get(field);
    if (array != null) {
      array.forEach(n -> out.add(n.textValue()));
    }
    return out;
  }
}
