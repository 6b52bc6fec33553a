package registry.core.internal.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import registry.core.ErrorCode;
import registry.core.Page;
import registry.core.RegistryException;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;

/**
 * {@code GET /v1/search?q=&n=&page=}: what {@code docker search HOST/term} asks, answered in
 * Docker's search JSON ({@code num_results}, {@code num_pages}, {@code page}, {@code page_size},
 * {@code query}, {@code results}). Distribution never served it; the OCI spec does not define it.
 *
 * <p>A repository matches when its name contains the query, ignoring case (names are lowercase).
 * An empty query matches every repository. {@code n} is the page size (default 25, at most 100,
 * as Docker Hub allows), {@code page} counts from 1. Our repositories have no description,
 * stars or official/automated flags, so those fields are empty, 0 and false.
 */
final class SearchRoute {

  /** The path, the same for every registry (it is not under a repository). */
  static final String PATH = "/v1/search";

  static final int DEFAULT_PAGE_SIZE = 25;
  static final int MAX_PAGE_SIZE = 100;

  /** Catalog names are read this many at a time, so memory stays bounded however many exist. */
  private static final int CATALOG_BATCH = 1000;

  private SearchRoute() {}

  /** Whether the request is a search; the router sends those here before parsing {@code /v2/} paths. */
  static boolean handles(RegistryRequest request) {
    return PATH.equals(request.rawPath()) || (PATH + "/").equals(request.rawPath());
  }

  static RegistryResponse search(Call call) throws IOException {
    String method = call.request().method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new RegistryException(ErrorCode.UNSUPPORTED,
          "method " + method + " is not allowed here; allowed: GET, HEAD");
    }
    String query = call.query("q").orElse("").trim();
    int pageSize = Math.min(positive(call, "n", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    int page = positive(call, "page", 1);
    String needle = query.toLowerCase(Locale.ROOT);
    // Only the requested page is kept; the rest is counted, so num_results is exact.
    long first = (long) (page - 1) * pageSize;
    long matches = 0;
    List<Map<String, Object>> results = new ArrayList<>();
    Optional<String> last = Optional.empty();
    do {
      Page<String> batch = call.registry().catalog(CATALOG_BATCH, last);
      for (String name : batch.items()) {
        if (name.contains(needle) && CatalogRoute.visible(call.caller(), name)) {
          if (matches >= first && results.size() < pageSize) {
            results.add(result(name));
          }
          matches++;
        }
      }
      last = batch.next();
    } while (last.isPresent());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("num_results", matches);
    body.put("num_pages", (matches + pageSize - 1) / pageSize);
    body.put("page", page);
    body.put("page_size", pageSize);
    body.put("query", query);
    body.put("results", results);
    return Responses.json(body).build();
  }

  private static Map<String, Object> result(String name) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("description", "");
    r.put("star_count", 0);
    r.put("is_official", false);
    r.put("is_automated", false);
    return r;
  }

  /** A positive integer parameter; anything else is the client's mistake, never a 500. */
  private static int positive(Call call, String key, int absent) {
    Optional<String> value = call.query(key).filter(s -> !s.isEmpty());
    if (value.isEmpty()) {
      return absent;
    }
    String v = value.get();
    if (v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(v) == 0) {
      throw new RegistryException(ErrorCode.SIZE_INVALID, "invalid " + key + "='"
          + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "': expected a positive integer");
    }
    return Integer.parseInt(v);
  }
}
