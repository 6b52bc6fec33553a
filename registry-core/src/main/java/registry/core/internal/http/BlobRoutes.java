package registry.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import registry.core.BlobInfo;
import registry.core.Blobs;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.RegistryException;
import registry.core.http.RegistryResponse;
import registry.core.http.ResponseBody;

/**
 * {@code GET}, {@code HEAD} and {@code DELETE /v2/<name>/blobs/<digest>}, with single byte
 * ranges for resumed pulls.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-blobs">OCI distribution spec, pulling blobs</a>
 */
final class BlobRoutes {

  private BlobRoutes() {}

  /** Serves a blob or its headers. HEAD never opens the content. */
  static RegistryResponse get(Call call) throws IOException {
    Digest digest = Call.digest(call.tail());
    Blobs blobs = call.repository().blobs();
    BlobInfo blob = blobs.stat(digest).orElseThrow(() -> unknown(call, digest));
    long size = blob.size();
    Optional<ByteRange> range;
    try {
      range = call.header("Range").flatMap(h -> ByteRange.parse(h, size));
    } catch (RegistryException e) {
      return ErrorBody.of(e).header("Content-Range", "bytes */" + size).build();
    }
    long first = range.map(ByteRange::first).orElse(0L);
    long length = range.map(ByteRange::length).orElse(size);
    RegistryResponse.Builder response = Responses.status(range.isPresent() ? 206 : 200)
        .header("Content-Type", "application/octet-stream")
        .header("Docker-Content-Digest", digest.toString())
        .header("ETag", "\"" + digest + "\"")
        .header("Accept-Ranges", "bytes")
        // Content-addressed: the bytes behind this URL never change.
        .header("Cache-Control", "max-age=31536000");
    range.ifPresent(r -> response.header("Content-Range", r.contentRange(size)));
    if (call.isHead()) {
      return response.contentLength(length).build();
    }
    Optional<URI> redirect = blobs.redirectUrl(digest, "GET");
    if (redirect.isPresent()) {
      // The storage serves the bytes itself (a presigned URL): the client follows with its Range.
      return Responses.status(307)
          .header("Location", redirect.get().toString())
          .header("Docker-Content-Digest", digest.toString())
          .build();
    }
    InputStream in = blobs.open(digest, first);
    return response.body(ResponseBody.of(in, length)).build();
  }

  /** Unlinks a blob from the repository: 202. */
  static RegistryResponse delete(Call call) throws IOException {
    call.requireDeletes();
    Digest digest = Call.digest(call.tail());
    call.repository().blobs().delete(digest);
    return Responses.status(202).header("Docker-Content-Digest", digest.toString()).build();
  }

  private static RegistryException unknown(Call call, Digest digest) {
    return new RegistryException(ErrorCode.BLOB_UNKNOWN,
        "blob " + digest + " is not in repository " + call.name());
  }
}
