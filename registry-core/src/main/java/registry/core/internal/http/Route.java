package registry.core.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path parsed into what it addresses. Repository names contain {@code /}, so the
 * path is read from the right: the last one to three segments say which endpoint, and whatever
 * precedes them is the name (validated by the router before any handler runs).
 *
 * @param kind the endpoint family
 * @param name the repository name as sent (not yet validated), or null for the base and catalog
 * @param tail the reference, digest or upload id the path ends with, or null
 */
record Route(Kind kind, String name, String tail) {

  /** The endpoints of the API. */
  enum Kind {
    BASE, CATALOG, TAGS, MANIFEST, BLOB, UPLOAD_START, UPLOAD, REFERRERS
  }

  /** The route of a raw (percent-encoded) path, or empty when the path is none of ours. */
  static Optional<Route> parse(String rawPath) {
    if (rawPath.equals("/v2") || rawPath.equals("/v2/")) {
      return Optional.of(new Route(Kind.BASE, null, null));
    }
    if (!rawPath.startsWith("/v2/")) {
      return Optional.empty();
    }
    // Split before decoding, and refuse an encoded '/': it must not change the shape of the path.
    String[] raw = rawPath.substring(4).split("/", -1);
    List<String> segs = new ArrayList<>(raw.length);
    for (String r : raw) {
      String decoded = Percent.decode(r);
      if (decoded == null || decoded.indexOf('/') >= 0) {
        return Optional.empty();
      }
      segs.add(decoded);
    }
    int n = segs.size();
    if (n == 1 && segs.get(0).equals("_catalog")) {
      return Optional.of(new Route(Kind.CATALOG, null, null));
    }
    if (n >= 4 && segs.get(n - 3).equals("blobs") && segs.get(n - 2).equals("uploads")) {
      String id = segs.get(n - 1);
      return Optional.of(id.isEmpty()
          ? new Route(Kind.UPLOAD_START, name(segs, n - 3), null)
          : new Route(Kind.UPLOAD, name(segs, n - 3), id));
    }
    if (n < 3) {
      return Optional.empty();
    }
    String kind = segs.get(n - 2);
    String last = segs.get(n - 1);
    String name = name(segs, n - 2);
    if (kind.equals("blobs") && last.equals("uploads")) {
      return Optional.of(new Route(Kind.UPLOAD_START, name, null));
    }
    if (kind.equals("tags") && last.equals("list")) {
      return Optional.of(new Route(Kind.TAGS, name, null));
    }
    if (last.isEmpty()) {
      return Optional.empty();
    }
    switch (kind) {
      case "manifests":
        return Optional.of(new Route(Kind.MANIFEST, name, last));
      case "blobs":
        return Optional.of(new Route(Kind.BLOB, name, last));
      case "referrers":
        return Optional.of(new Route(Kind.REFERRERS, name, last));
      default:
        return Optional.empty();
    }
  }

  private static String name(List<String> segs, int end) {
    return String.join("/", segs.subList(0, end));
  }
}
