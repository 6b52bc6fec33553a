package registry.core.internal.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import registry.core.Page;
import registry.core.RepositoryName;
import registry.core.auth.Caller;
import registry.core.http.RegistryResponse;

/**
 * {@code GET /v2/_catalog?n=&last=}: repository names in lexical order, a page at a time.
 * Without {@code n} every name comes in one response. Under access control only the
 * repositories the caller may pull are listed, and pages are filled from further batches so
 * that {@code n} still means "up to n names".
 */
final class CatalogRoute {

  /** Names read from storage per batch while filtering, so memory stays bounded. */
  private static final int BATCH = 1000;

  private CatalogRoute() {}

  static RegistryResponse list(Call call) throws IOException {
    Paging paging = Paging.of(call);
    Page<String> page = call.caller() == Caller.unrestricted()
        ? call.registry().catalog(paging.n(), paging.last())
        : filtered(call, paging);
    RegistryResponse.Builder response = Responses.json(Map.of("repositories", page.items()));
    paging.addLink(response, call, "/v2/_catalog", page);
    return response.build();
  }

  /** Up to {@code n} names the caller may see, and whether the listing may go on after them. */
  private static Page<String> filtered(Call call, Paging paging) throws IOException {
    int n = paging.n();
    List<String> kept = new ArrayList<>();
    Optional<String> cursor = paging.last();
    while (n < 0 || kept.size() < n) {
      Page<String> batch = call.registry().catalog(BATCH, cursor);
      List<String> items = batch.items();
      for (int i = 0; i < items.size(); i++) {
        if (visible(call.caller(), items.get(i))) {
          kept.add(items.get(i));
          if (n >= 0 && kept.size() == n) {
            // Full: more may follow if this batch or the listing goes on.
            return new Page<>(kept, i < items.size() - 1 || batch.hasMore());
          }
        }
      }
      cursor = batch.next();
      if (cursor.isEmpty()) {
        break;
      }
    }
    return new Page<>(kept, false);
  }

  /** Whether a catalog or search result may show {@code name} to the caller. */
  static boolean visible(Caller caller, String name) {
    try {
      return caller.mayList(RepositoryName.of(name));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
