package registry.core.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import registry.core.ErrorCode;
import registry.core.RegistryException;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.core.http.ResponseBody;

/**
 * The one place that writes the spec's error body,
 * {@code {"errors":[{"code":...,"message":...,"detail":...}]}}, with the status of the
 * {@link ErrorCode}. Handlers throw {@link RegistryException}; only this class turns it into bytes.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">OCI distribution spec, error codes</a>
 */
final class ErrorBody {

  private ErrorBody() {}

  /** A response builder for the error, to which callers may add headers. */
  static RegistryResponse.Builder of(RegistryException e) {
    return of(e.code(), e.getMessage(), e.detail());
  }

  /** A response builder for a code with a message for the client and an optional detail. */
  static RegistryResponse.Builder of(ErrorCode code, String message, Object detail) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code.code());
    error.put("message", message == null || message.isEmpty() ? code.defaultMessage() : message);
    if (detail != null) {
      error.put("detail", detail);
    }
    byte[] body;
    try {
      body = Json.bytes(Map.of("errors", List.of(error)));
    } catch (IllegalStateException unserializable) {
      // A detail Jackson cannot write must not turn a clean error into a 500.
      error.remove("detail");
      body = Json.bytes(Map.of("errors", List.of(error)));
    }
    return Responses.status(code.httpStatus())
        .header("Content-Type", Json.MEDIA_TYPE)
        .body(ResponseBody.of(body));
  }

  /** The answer for a path that is no endpoint of the API. */
  static RegistryResponse.Builder unknownRoute(RegistryRequest request) {
    String path = request.rawPath().length() > 200 ? request.rawPath().substring(0, 200) + "..." : request.rawPath();
    return of(ErrorCode.ENDPOINT_UNKNOWN, "no such endpoint: " + request.method() + " " + path, null);
  }
}
