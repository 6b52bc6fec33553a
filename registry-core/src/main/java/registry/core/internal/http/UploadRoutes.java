package registry.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.DigestAlgorithm;
import registry.core.ErrorCode;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.RepositoryName;
import registry.core.UploadStatus;
import registry.core.Uploads;
import registry.core.auth.Action;
import registry.core.auth.Caller;
import registry.core.auth.Scope;
import registry.core.http.RegistryResponse;
import registry.core.internal.service.UploadIds;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (start, monolithic with {@code ?digest=},
 * or cross-repository mount with {@code ?mount=&from=}), and {@code GET}, {@code PATCH},
 * {@code PUT ?digest=} and {@code DELETE} on {@code /v2/<name>/blobs/uploads/<id>}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">OCI distribution spec, pushing blobs</a>
 */
final class UploadRoutes {

  private UploadRoutes() {}

  /** {@code POST}: mount, monolithic push, or a new upload session. */
  static RegistryResponse start(Call call) throws IOException {
    DigestAlgorithm algorithm = digestAlgorithm(call);
    Repository repository = call.repository();
    Optional<String> mount = call.query("mount");
    if (mount.isPresent()) {
      Digest digest = Call.digest(mount.get());
      Optional<RepositoryName> from = call.query("from").filter(s -> !s.isEmpty()).map(Call::repositoryName);
      if (mayMount(call.caller(), from)) {
        Optional<BlobInfo> mounted = repository.blobs().mount(digest, from);
        if (mounted.isPresent()) {
          return created(call, mounted.get().digest());
        }
      }
      // Not available where asked (or not readable by the caller): the spec says fall back to
      // a normal upload session, which gives away nothing about the source.
    } else {
      Optional<String> digest = call.query("digest");
      if (digest.isPresent()) {
        Digest expected = Call.digest(digest.get());
        BlobInfo blob = repository.blobs().put(call.body(), expected);
        return created(call, blob.digest());
      }
    }
    return accepted(call, repository.uploads().start(algorithm)).build();
  }

  /**
   * The algorithm the client will name when it finishes ({@code ?digest-algorithm=}), sha256
   * when absent. An algorithm the registry lacks is refused before anything starts, so the
   * client learns it before sending the blob.
   */
  private static DigestAlgorithm digestAlgorithm(Call call) {
    Optional<String> name = call.query("digest-algorithm");
    if (name.isEmpty()) {
      return DigestAlgorithm.SHA256;
    }
    return DigestAlgorithm.byPrefix(name.get()).orElseThrow(() -> new RegistryException(
        ErrorCode.DIGEST_INVALID, "unsupported digest algorithm: this registry accepts sha256 and sha512"));
  }

  /**
   * A mount reads its source: the caller must be allowed to pull {@code from}. Without
   * {@code from} any repository may be the source, which only a caller without restrictions
   * may read.
   */
  private static boolean mayMount(Caller caller, Optional<RepositoryName> from) {
    if (caller == Caller.unrestricted()) {
      return true;
    }
    return from.isPresent() && caller.permits(Scope.repository(from.get(), Action.PULL));
  }

  /** {@code GET}: where the upload stands, 204. */
  static RegistryResponse status(Call call) throws IOException {
    UploadStatus status = uploads(call).status(uploadId(call));
    return withState(Responses.status(204), call, status).build();
  }

  /**
   * {@code PATCH}: appends a chunk. With {@code Content-Range} the chunk must start at the
   * current size (else 416, nothing written); without, it is streamed onto the end.
   */
  static RegistryResponse patch(Call call) throws IOException {
    String id = uploadId(call);
    Uploads uploads = uploads(call);
    long offset = -1;
    InputStream chunk = call.body();
    Optional<String> header = call.header("Content-Range");
    if (header.isPresent()) {
      ContentRange range = ContentRange.parse(header.get());
      offset = range.start();
      Optional<Long> declared = Bodies.contentLength(call);
      if (declared.isPresent() && declared.get() != range.length()) {
        throw new RegistryException(ErrorCode.SIZE_INVALID, "Content-Length " + declared.get()
            + " does not match Content-Range " + header.get());
      }
      chunk = Bodies.exactLength(chunk, range.length());
    }
    try {
      return accepted(call, uploads.append(id, offset, chunk)).build();
    } catch (RegistryException e) {
      if (e.code() != ErrorCode.BLOB_UPLOAD_RANGE_INVALID) {
        throw e;
      }
      // Tell the client where the upload really stands, so it can resume from there.
      return withState(ErrorBody.of(e), call, uploads.status(id)).build();
    }
  }

  /**
   * {@code PUT ?digest=}: an optional last chunk, then verify and publish, 201. With
   * {@code Content-Range} the last chunk must start at the current size, checked as for a
   * {@code PATCH}.
   */
  static RegistryResponse finish(Call call) throws IOException {
    String id = uploadId(call);
    Digest digest = Call.digest(call.query("digest").orElseThrow(() ->
        new RegistryException(ErrorCode.DIGEST_INVALID, "the digest query parameter is required")));
    long offset = call.header("Content-Range").map(ContentRange::parse).map(ContentRange::start).orElse(-1L);
    BlobInfo blob = uploads(call).finish(id, offset, digest, call.hasBody() ? call.body() : null);
    return created(call, blob.digest());
  }

  /** {@code DELETE}: cancels the upload, 204. */
  static RegistryResponse cancel(Call call) throws IOException {
    uploads(call).cancel(uploadId(call));
    return Responses.status(204).build();
  }

  private static Uploads uploads(Call call) {
    return call.repository().uploads();
  }

  /** Refused before anything else is looked at: a client that lost its upload learns that first. */
  private static String uploadId(Call call) {
    return UploadIds.requireWellFormed(call.tail(), call.name());
  }

  private static RegistryResponse.Builder accepted(Call call, UploadStatus status) {
    return withState(Responses.status(202), call, status);
  }

  private static RegistryResponse.Builder withState(RegistryResponse.Builder response, Call call,
      UploadStatus status) {
    return response
        .header("Location", call.url(call.repositoryPath("blobs/uploads/" + status.id())))
        .header("Range", Responses.uploadRange(status.offset()))
        .header("Docker-Upload-UUID", status.id());
  }

  private static RegistryResponse created(Call call, Digest digest) {
    return Responses.status(201)
        .header("Location", call.url(call.repositoryPath("blobs/" + digest)))
        .header("Docker-Content-Digest", digest.toString())
        .build();
  }
}
