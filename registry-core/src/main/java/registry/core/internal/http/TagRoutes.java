package registry.core.internal.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import registry.core.Page;
import registry.core.http.RegistryResponse;

/**
 * {@code GET /v2/<name>/tags/list?n=&last=}: the tags in lexical order, a page at a time.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-tags">OCI distribution spec, listing tags</a>
 */
final class TagRoutes {

  private TagRoutes() {}

  static RegistryResponse list(Call call) throws IOException {
    Paging paging = Paging.of(call);
    Page<String> page = call.repository().tags().list(paging.n(), paging.last());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", call.name().value());
    body.put("tags", page.items());
    RegistryResponse.Builder response = Responses.json(body);
    paging.addLink(response, call, call.repositoryPath("tags/list"), page);
    return response.build();
  }
}
