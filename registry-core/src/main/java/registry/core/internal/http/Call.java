package registry.core.internal.http;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Registry;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.RepositoryName;
import registry.core.auth.Caller;
import registry.core.http.RegistryRequest;
import registry.core.internal.service.AfterResponse;
import registry.core.internal.service.StoredRepository;

/** One request on its way through a route handler: the request, its route and its registry. */
final class Call {

  private final RegistryRequest request;
  private final Registry registry;
  private final RepositoryName name;
  private final String tail;
  private final BaseUrl urls;
  private final Caller caller;
  private final AfterResponse later;
  private Map<String, List<String>> query;

  Call(RegistryRequest request, Registry registry, RepositoryName name, String tail, BaseUrl urls,
      Caller caller, AfterResponse later) {
    this.request = request;
    this.registry = registry;
    this.name = name;
    this.tail = tail;
    this.urls = urls;
    this.caller = caller;
    this.later = later;
  }

  RegistryRequest request() {
    return request;
  }

  Registry registry() {
    return registry;
  }

  /** Who is asking, as access control let them through: asked about scopes beyond the route's own. */
  Caller caller() {
    return caller;
  }

  /** The validated repository name (routes that have one). */
  RepositoryName name() {
    return name;
  }

  /** The repository, leaving housekeeping the client need not wait for until the response is sent. */
  Repository repository() {
    Repository repository = registry.repository(name);
    // The registry's repositories are all stored ones; testing here spares Registry a public
    // method for an internal concern.
    return repository instanceof StoredRepository stored ? stored.leavingHousekeepingTo(later) : repository;
  }

  /** The last path segment: reference, digest or upload id. */
  String tail() {
    return tail;
  }

  boolean isHead() {
    return "HEAD".equals(request.method());
  }

  Optional<String> header(String header) {
    return request.header(header);
  }

  /** The request body; read failures are marked as the client's (see {@link ClientBodyException}). */
  InputStream body() {
    return new ClientBodyStream(request.body());
  }

  /** Whether the request says it has a body: a positive length or chunked encoding. */
  boolean hasBody() {
    if (request.header("Transfer-Encoding").isPresent()) {
      return true;
    }
    return request.header("Content-Length").map(v -> !v.trim().equals("0")).orElse(false);
  }

  /** The first value of a query parameter, decoded. */
  Optional<String> query(String key) {
    return queryAll(key).stream().findFirst();
  }

  /** Every value of a query parameter, decoded, in the order sent. */
  List<String> queryAll(String key) {
    if (query == null) {
      query = new HashMap<>();
      request.rawQuery().ifPresent(raw -> {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          String k = Percent.decode(eq < 0 ? pair : pair.substring(0, eq));
          String v = Percent.decode(eq < 0 ? "" : pair.substring(eq + 1));
          if (k != null && v != null) {
            query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
          }
        }
      });
    }
    return query.getOrDefault(key, List.of());
  }

  /** An absolute URL (or a relative one, by policy) for a path such as {@code /v2/a/blobs/...}. */
  String url(String path) {
    return urls.prefix(request) + path;
  }

  /** The path of this repository's API plus a suffix: {@code /v2/<name>/<suffix>}. */
  String repositoryPath(String suffix) {
    return "/v2/" + name.value() + "/" + suffix;
  }

  /**
   * Refuses a delete when the registry has deletes disabled, before anything else is looked at,
   * so that the answer is 405 whatever the path names.
   */
  void requireDeletes() {
    if (!registry.deleteEnabled()) {
      throw new RegistryException(ErrorCode.UNSUPPORTED, "deletes are disabled on this registry");
    }
  }

  /** Parses a digest from the client: a malformed one is {@code DIGEST_INVALID}, never a 500. */
  static Digest digest(String s) {
    try {
      return Digest.parse(s);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage());
    }
  }

  /** Parses a repository name from the client, such as a mount's {@code from}. */
  static RepositoryName repositoryName(String s) {
    try {
      return RepositoryName.of(s);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorCode.NAME_INVALID, e.getMessage());
    }
  }
}
