package registry.core.internal.http;

import java.io.IOException;
import java.util.Map;
import registry.core.Page;
import registry.core.http.RegistryResponse;

/**
 * {@code GET /v2/_catalog?n=&last=}: repository names in lexical order, a page at a time.
 * Without {@code n} every name comes in one response.
 */
final class CatalogRoute {

  private CatalogRoute() {}

  static RegistryResponse list(Call call) throws IOException {
    Paging paging = Paging.of(call);
    Page<String> page = call.registry().catalog(paging.n(), paging.last());
    RegistryResponse.Builder response = Responses.json(Map.of("repositories", page.items()));
    paging.addLink(response, call, "/v2/_catalog", page);
    return response.build();
  }
}
