package registry.core;

/**
 * The closed set of errors the registry reports, each with the code a client reads from the
 * JSON error body and the HTTP status it travels with. Several constants may share a wire code
 * where the spec asks for a different status in a different situation.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">OCI distribution spec, error codes</a>
 */
public enum ErrorCode {
  /** The blob is not known to the repository. */
  BLOB_UNKNOWN("BLOB_UNKNOWN", 404, "blob unknown to registry"),
  /** The upload failed; the client may retry it. */
  BLOB_UPLOAD_INVALID("BLOB_UPLOAD_INVALID", 400, "blob upload invalid"),
  /** A chunk does not start at the upload's current size. */
  BLOB_UPLOAD_RANGE_INVALID("BLOB_UPLOAD_INVALID", 416, "chunk does not start at the upload's current size"),
  /** The upload is not known to the repository (never started, finished or cancelled). */
  BLOB_UPLOAD_UNKNOWN("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry"),
  /** A digest is malformed or does not match the content. */
  DIGEST_INVALID("DIGEST_INVALID", 400, "provided digest did not match uploaded content"),
  /** A manifest references a blob the repository does not have. */
  MANIFEST_BLOB_UNKNOWN("MANIFEST_BLOB_UNKNOWN", 400, "manifest references a manifest or blob unknown to registry"),
  /** A manifest is malformed or fails validation. */
  MANIFEST_INVALID("MANIFEST_INVALID", 400, "manifest invalid"),
  /** A manifest is larger than the registry accepts. */
  MANIFEST_TOO_LARGE("MANIFEST_INVALID", 413, "manifest too large"),
  /** The manifest is not known to the repository. */
  MANIFEST_UNKNOWN("MANIFEST_UNKNOWN", 404, "manifest unknown to registry"),
  /** A tag is malformed (the spec lists the code among Docker's, which clients may meet). */
  TAG_INVALID("TAG_INVALID", 400, "invalid tag"),
  /** A push names more tags than the registry takes in one request; the spec suggests 414. */
  TOO_MANY_TAGS("TAG_INVALID", 414, "too many tags in one request"),
  /** The repository name is invalid. */
  NAME_INVALID("NAME_INVALID", 400, "invalid repository name"),
  /** The repository is not known to the registry. */
  NAME_UNKNOWN("NAME_UNKNOWN", 404, "repository name not known to registry"),
  /** A length or size does not match the content. */
  SIZE_INVALID("SIZE_INVALID", 400, "provided length did not match content length"),
  /** A requested byte range cannot be served. */
  RANGE_INVALID("RANGE_INVALID", 416, "requested range not satisfiable"),
  /** Authentication is required. */
  UNAUTHORIZED("UNAUTHORIZED", 401, "authentication required"),
  /** The caller may not perform the action. */
  DENIED("DENIED", 403, "requested access to the resource is denied"),
  /** The operation is not supported (for example deletes are disabled). */
  UNSUPPORTED("UNSUPPORTED", 405, "the operation is unsupported"),
  /** The path is no endpoint of the API. The spec's closed set has no code for it; clients read the status. */
  ENDPOINT_UNKNOWN("UNSUPPORTED", 404, "no such endpoint"),
  /** The client sent too many requests. */
  TOOMANYREQUESTS("TOOMANYREQUESTS", 429, "too many requests"),
  /** The registry's storage is unavailable for now (read-only mode is {@link #UNSUPPORTED}, as distribution). */
  UNAVAILABLE("UNAVAILABLE", 503, "service unavailable"),
  /** An unexpected failure inside the registry. */
  UNKNOWN("UNKNOWN", 500, "unknown error");

  private final String code;
  private final int httpStatus;
  private final String defaultMessage;

  ErrorCode(String code, int httpStatus, String defaultMessage) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
  }

  /** The code clients read from the JSON error body. */
  public String code() {
    return code;
  }

  /** The HTTP status the error travels with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The message used when no more specific one is given. */
  public String defaultMessage() {
    return defaultMessage;
  }
}
