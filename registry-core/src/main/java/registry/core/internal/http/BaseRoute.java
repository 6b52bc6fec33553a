package registry.core.internal.http;

import java.util.Map;
import registry.core.http.RegistryResponse;

/**
 * {@code GET /v2/}: the version check every client makes first. A 200 tells it this is a v2
 * registry that needs no authentication.
 */
final class BaseRoute {

  private BaseRoute() {}

  static RegistryResponse get(Call call) {
    return Responses.json(Map.of()).build();
  }
}
