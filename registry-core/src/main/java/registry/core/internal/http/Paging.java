package registry.core.internal.http;

import java.util.Optional;
import registry.core.ErrorCode;
import registry.core.Page;
import registry.core.RegistryException;
import registry.core.http.RegistryResponse;

/**
 * The {@code n} and {@code last} parameters of the tag and catalog listings, and the RFC 8288
 * {@code Link} header to the next page.
 *
 * <p>An invalid {@code n} (not a non-negative integer) is {@link ErrorCode#SIZE_INVALID}, 400:
 * distribution answers {@code PAGINATION_NUMBER_INVALID}, a code the OCI spec does not list and
 * our closed set lacks; SIZE_INVALID is the spec's code for a number that does not fit.
 *
 * @param n the page size, or -1 for everything
 * @param last the item after which the page starts, if any
 */
record Paging(int n, Optional<String> last) {

  /** The paging parameters of a call. */
  static Paging of(Call call) {
    int n = call.query("n").map(Paging::parseN).orElse(-1);
    Optional<String> last = call.query("last").filter(s -> !s.isEmpty());
    return new Paging(n, last);
  }

  private static int parseN(String value) {
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new RegistryException(ErrorCode.SIZE_INVALID,
          "invalid page size n='" + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
              + "': expected a non-negative integer");
    }
    // A page larger than any listing is the same as the whole listing.
    return (int) Math.min(Long.parseLong(value), Integer.MAX_VALUE);
  }

  /** Adds {@code Link: <path?n=..&last=..>; rel="next"} when a page follows this one. */
  void addLink(RegistryResponse.Builder response, Call call, String path, Page<String> page) {
    if (n < 0) {
      return;
    }
    page.next().ifPresent(next -> response.header("Link",
        "<" + call.url(path) + "?n=" + n + "&last=" + Percent.encode(next) + ">; rel=\"next\""));
  }
}
