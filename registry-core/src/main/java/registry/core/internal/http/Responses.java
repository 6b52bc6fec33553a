package registry.core.internal.http;

import registry.core.http.RegistryHandler;
import registry.core.http.RegistryResponse;
import registry.core.http.ResponseBody;

/** Response builders that carry the headers every response needs. */
final class Responses {

  private Responses() {}

  /** A builder with {@code Docker-Distribution-API-Version}, which every response carries. */
  static RegistryResponse.Builder status(int status) {
    return RegistryResponse.builder(status).header(RegistryHandler.API_VERSION_HEADER, "registry/2.0");
  }

  /** A 200 response with a JSON document as body. */
  static RegistryResponse.Builder json(Object document) {
    return status(200).header("Content-Type", Json.MEDIA_TYPE).body(ResponseBody.of(Json.bytes(document)));
  }

  /** The {@code Range} header value of an upload holding {@code size} bytes: {@code 0-<last>}. */
  static String uploadRange(long size) {
    // The spec writes an empty upload as 0-0 too (there is no way to say "nothing" in this form).
    return "0-" + Math.max(0, size - 1);
  }
}
