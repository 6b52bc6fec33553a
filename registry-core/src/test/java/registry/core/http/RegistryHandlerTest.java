package registry.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Registry;
import registry.core.RegistryException;

/** The transport-neutral handler called directly, without HTTP. */
class RegistryHandlerTest {

  private final FailingStorage storage = new FailingStorage();
  private final Registry registry = Registry.builder().storage(storage).deleteEnabled(true).build();
  private final RegistryHandler handler = RegistryHandler.builder(registry).build();
  private final byte[] content = "layer".getBytes(StandardCharsets.UTF_8);
  private final Digest digest = Digest.sha256(content);

  private RegistryResponse call(String method, String path, String... headers) {
    return call(method, path, InputStream.nullInputStream(), headers);
  }

  private RegistryResponse call(String method, String path, InputStream body, String... headers) {
    int q = path.indexOf('?');
    RegistryRequest.Builder b = RegistryRequest.builder(method, q < 0 ? path : path.substring(0, q))
        .rawQuery(q < 0 ? null : path.substring(q + 1)).body(body).authority("127.0.0.1:5000");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    RegistryResponse r = handler.handle(b.build());
    assertThat(r.header("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    assertThat(r.header("Content-Length")).isEmpty();
    return r;
  }

  private static String body(RegistryResponse r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.writeBodyTo(out);
    r.close();
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "repository {0}")
  @CsvSource({"x/blobs", "blobs/uploads", "manifests", "tags/list/x", "referrers/a", "v2/x"})
  void readsPathsFromTheRightSoNamesMayHoldRouteWords(String name) throws IOException {
    registry.repository(name).blobs().put(new ByteArrayInputStream(content), digest);
    RegistryResponse blob = call("GET", "/v2/" + name + "/blobs/" + digest);
    assertThat(blob.status()).isEqualTo(200);
    assertThat(body(blob)).isEqualTo("layer");
    RegistryResponse upload = call("POST", "/v2/" + name + "/blobs/uploads/");
    assertThat(upload.status()).isEqualTo(202);
    String location = upload.header("Location").orElseThrow();
    assertThat(location).startsWith("http://127.0.0.1:5000/v2/" + name + "/blobs/uploads/");
    String path = location.substring("http://127.0.0.1:5000".length());
    assertThat(call("PATCH", path, new ByteArrayInputStream(content)).header("Range")).hasValue("0-4");
    assertThat(call("PUT", path + "?digest=" + digest).status()).isEqualTo(201);
  }

  @Test
  void aFinishedUploadsDirectoryGoesOnlyOnceTheResponseIsClosed() throws IOException {
    // With the blob there already, the upload's data stays in its directory until removed.
    registry.repository("other").blobs().put(new ByteArrayInputStream(content), digest);
    String location = call("POST", "/v2/app/blobs/uploads/").header("Location").orElseThrow();
    String path = location.substring("http://127.0.0.1:5000".length());
    RegistryResponse put = call("PUT", path + "?digest=" + digest, new ByteArrayInputStream(content),
        "Content-Length", "5");
    assertThat(put.status()).isEqualTo(201);
    String upload = "/docker/registry/v2/repositories/app/_uploads/" + location.substring(location.lastIndexOf('/') + 1);
    assertThat(storage.stat(upload + "/data").size()).isEqualTo(5);
    put.close();
    assertThatThrownBy(() -> storage.stat(upload + "/data")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aLastChunkAtTheWrongOffsetIs416AndWritesNothing() throws IOException {
    String location = call("POST", "/v2/app/blobs/uploads/").header("Location").orElseThrow();
    String path = location.substring("http://127.0.0.1:5000".length());
    call("PATCH", path, new ByteArrayInputStream(content, 0, 2), "Content-Range", "0-1").close();
    RegistryResponse wrong = call("PUT", path + "?digest=" + digest, new ByteArrayInputStream(content, 1, 4),
        "Content-Range", "1-4", "Content-Length", "4");
    assertThat(wrong.status()).isEqualTo(416);
    assertThat(body(wrong)).contains("BLOB_UPLOAD_INVALID");
    RegistryResponse right = call("PUT", path + "?digest=" + digest, new ByteArrayInputStream(content, 2, 3),
        "Content-Range", "bytes 2-4/5", "Content-Length", "3");
    assertThat(right.status()).isEqualTo(201);
  }

  @Test
  void blobGetRedirectsWhereTheStorageOffersAUrlAndHeadIsServedHere() throws IOException {
    registry.repository("app").blobs().put(new ByteArrayInputStream(content), digest);
    storage.redirectTo("https://bucket.example/signed");
    RegistryResponse get = call("GET", "/v2/app/blobs/" + digest);
    assertThat(get.status()).isEqualTo(307);
    assertThat(get.header("Location")).hasValue("https://bucket.example/signed/docker/registry/v2/blobs/sha256/"
        + digest.hex().substring(0, 2) + "/" + digest.hex() + "/data");
    assertThat(get.header("Docker-Content-Digest")).hasValue(digest.toString());
    RegistryResponse head = call("HEAD", "/v2/app/blobs/" + digest);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.contentLength()).isEqualTo(5);
    assertThat(call("GET", "/v2/other/blobs/" + digest).status()).isEqualTo(404);
  }

  @Test
  void acceptsPercentEncodedDigests() throws IOException {
    registry.repository("app").blobs().put(new ByteArrayInputStream(content), digest);
    assertThat(call("GET", "/v2/app/blobs/" + digest.toString().replace(":", "%3A")).status()).isEqualTo(200);
  }

  @Test
  void headKeepsTheLengthAndDropsTheBody() throws IOException {
    registry.repository("app").blobs().put(new ByteArrayInputStream(content), digest);
    RegistryResponse head = call("HEAD", "/v2/app/blobs/" + digest);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.hasBody()).isFalse();
    assertThat(head.contentLength()).isEqualTo(5);
    RegistryResponse noContent = call("DELETE", "/v2/app/blobs/uploads/" + call("POST", "/v2/app/blobs/uploads/")
        .header("Docker-Upload-UUID").orElseThrow());
    assertThat(noContent.status()).isEqualTo(204);
    assertThat(noContent.contentLength()).isEqualTo(-1);
  }

  @Test
  void usesTheHostHeaderElseTheAdaptersAuthority() {
    assertThat(call("POST", "/v2/app/blobs/uploads/", "Host", "registry.local:8080").header("Location").orElseThrow())
        .startsWith("http://registry.local:8080/v2/app/blobs/uploads/");
    assertThat(call("POST", "/v2/app/blobs/uploads/").header("Location").orElseThrow())
        .startsWith("http://127.0.0.1:5000/v2/app/blobs/uploads/");
  }

  @Test
  void storageFailureIsUnknownWithoutDetails() throws IOException {
    storage.failWith(new IOException("disk on fire at /secret/path"));
    RegistryResponse r = call("GET", "/v2/app/tags/list");
    assertThat(r.status()).isEqualTo(500);
    assertThat(body(r)).startsWith("{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"internal error (incident ")
        .doesNotContain("secret", "IOException", "\tat ");
  }

  @Test
  void unreachableStorageIsUnavailable() throws IOException {
    storage.failWith(new IOException("s3 down", new ConnectException("refused")));
    RegistryResponse r = call("GET", "/v2/app/manifests/latest");
    assertThat(r.status()).isEqualTo(503);
    assertThat(body(r)).contains("\"code\":\"UNAVAILABLE\"");
  }

  @Test
  void unexpectedExceptionIsUnknown() throws IOException {
    storage.failWith(new IllegalStateException("bug"));
    RegistryResponse r = call("HEAD", "/v2/app/blobs/" + digest);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.hasBody()).isFalse();
  }

  @Test
  void brokenRequestBodyIsTheClientsFault() throws IOException {
    String id = call("POST", "/v2/app/blobs/uploads/").header("Docker-Upload-UUID").orElseThrow();
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset by peer");
      }
    };
    RegistryResponse r = call("PATCH", "/v2/app/blobs/uploads/" + id, broken);
    assertThat(r.status()).isEqualTo(400);
    assertThat(body(r)).contains("\"code\":\"BLOB_UPLOAD_INVALID\"");
  }

  @Test
  void answersAnyErrorForAdapters() throws IOException {
    RegistryResponse r = handler.errorResponse(new RegistryException(ErrorCode.DENIED, "no"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r)).isEqualTo("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}");
  }

  @Test
  void writesErrorDetail() throws IOException {
    RegistryResponse r = handler.errorResponse(
        new RegistryException(ErrorCode.DIGEST_INVALID, "mismatch").withDetail(java.util.Map.of("digest", "x")));
    assertThat(body(r)).isEqualTo(
        "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"mismatch\",\"detail\":{\"digest\":\"x\"}}]}");
  }
}
