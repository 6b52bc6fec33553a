package registry.core.internal.http;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import registry.core.ErrorCode;
import registry.core.Registry;
import registry.core.RegistryException;
import registry.core.RepositoryName;
import registry.core.auth.AccessDecision;
import registry.core.auth.AccessRequest;
import registry.core.auth.Authorizer;
import registry.core.auth.Caller;
import registry.core.auth.Scope;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.core.internal.service.AfterResponse;

/**
 * Routes a request to its handler and turns every failure into the spec's error response: the
 * only place that catches. The repository name is validated, then access control asked once,
 * before any handler runs.
 */
public final class Router {

  private static final System.Logger LOG = System.getLogger("registry.core.http");

  private static final Set<String> READ = Set.of("GET", "HEAD");
  private static final AccessDecision ALLOWED = AccessDecision.allow(Caller.unrestricted());

  private final Registry registry;
  private final BaseUrl urls;
  private final Authorizer authorizer;

  /** A router over the registry, handing out URLs by the given policy, without access control. */
  public Router(Registry registry, BaseUrl urls) {
    this(registry, urls, Authorizer.allowAll());
  }

  /** A router over the registry whose requests the authorizer lets through or refuses. */
  public Router(Registry registry, BaseUrl urls, Authorizer authorizer) {
    this.registry = registry;
    this.urls = urls;
    this.authorizer = authorizer;
  }

  /**
   * The response to a request; never throws for client or storage failures. Housekeeping the
   * client need not wait for is left to {@code later}.
   */
  public RegistryResponse route(RegistryRequest request, AfterResponse later) {
    try {
      return dispatch(request, later);
    } catch (RegistryException e) {
      return ErrorBody.of(e).build();
    } catch (IOException e) {
      ClientBodyException client = clientFailure(e);
      if (client != null) {
        LOG.log(System.Logger.Level.DEBUG, () -> request + ": " + client.getMessage());
        return ErrorBody.of(ErrorCode.BLOB_UPLOAD_INVALID, client.getMessage(), null)
            .header("Connection", "close").build();
      }
      Optional<String> refused = StorageFailures.refusal(e, !READ.contains(request.method()));
      if (refused.isPresent()) {
        return storageRefused(request, e, refused.get());
      }
      return internalError(request, e, StorageFailures.unavailable(e) ? ErrorCode.UNAVAILABLE : ErrorCode.UNKNOWN);
    } catch (RuntimeException e) {
      return internalError(request, e, ErrorCode.UNKNOWN);
    }
  }

  /** The spec's error response for an exception, for answers outside any route. */
  public static RegistryResponse error(RegistryException e) {
    return ErrorBody.of(e).build();
  }

  private RegistryResponse dispatch(RegistryRequest request, AfterResponse later) throws IOException {
    String method = request.method();
    if (SearchRoute.handles(request)) {
      // Like the base endpoint, search needs only a known caller; it lists what they may pull.
      AccessDecision searcher = decide(request, List.of());
      if (!(searcher instanceof AccessDecision.Allowed)) {
        return Access.refusal(searcher, List.of());
      }
      return SearchRoute.search(new Call(request, registry, null, null, urls, callerOf(searcher), later));
    }
    Optional<Route> parsed = Route.parse(request.rawPath());
    if (parsed.isEmpty()) {
      return ErrorBody.unknownRoute(request).build();
    }
    Route route = parsed.get();
    RepositoryName name = null;
    if (route.name() != null) {
      name = Call.repositoryName(route.name());
    }
    List<Scope> scopes = Access.needed(route.kind(), name, method);
    AccessDecision decision = decide(request, scopes);
    if (!(decision instanceof AccessDecision.Allowed)) {
      return Access.refusal(decision, scopes);
    }
    Call call = new Call(request, registry, name, route.tail(), urls, callerOf(decision), later);
    switch (route.kind()) {
      case BASE:
        allow(method, READ, "GET, HEAD");
        return BaseRoute.get(call);
      case CATALOG:
        allow(method, READ, "GET, HEAD");
        return CatalogRoute.list(call);
      case TAGS:
        allow(method, READ, "GET, HEAD");
        return TagRoutes.list(call);
      case REFERRERS:
        allow(method, READ, "GET, HEAD");
        return ReferrerRoute.list(call);
      case MANIFEST:
        if (READ.contains(method)) {
          return ManifestRoutes.get(call);
        } else if (method.equals("PUT")) {
          return ManifestRoutes.put(call);
        } else if (method.equals("DELETE")) {
          return ManifestRoutes.delete(call);
        }
        throw notAllowed(method, "GET, HEAD, PUT, DELETE");
      case BLOB:
        if (READ.contains(method)) {
          return BlobRoutes.get(call);
        } else if (method.equals("DELETE")) {
          return BlobRoutes.delete(call);
        }
        throw notAllowed(method, "GET, HEAD, DELETE");
      case UPLOAD_START:
        allow(method, Set.of("POST"), "POST");
        return UploadRoutes.start(call);
      case UPLOAD:
        switch (method) {
          case "GET":
            return UploadRoutes.status(call);
          case "PATCH":
            return UploadRoutes.patch(call);
          case "PUT":
            return UploadRoutes.finish(call);
          case "DELETE":
            return UploadRoutes.cancel(call);
          default:
            throw notAllowed(method, "GET, PATCH, PUT, DELETE");
        }
      default:
        throw new IllegalStateException("unrouted kind " + route.kind());
    }
  }

  private AccessDecision decide(RegistryRequest request, List<Scope> scopes) {
    if (authorizer == Authorizer.allowAll()) {
      return ALLOWED;
    }
    AccessDecision decision = authorizer.authorize(
        new AccessRequest(request, scopes, URI.create(urls.origin(request))));
    if (decision == null) {
      throw new IllegalStateException(authorizer + " decided nothing about " + request);
    }
    return decision;
  }

  private static Caller callerOf(AccessDecision allowed) {
    return ((AccessDecision.Allowed) allowed).caller();
  }

  private static void allow(String method, Set<String> allowed, String list) {
    if (!allowed.contains(method)) {
      throw notAllowed(method, list);
    }
  }

  private static RegistryException notAllowed(String method, String allowed) {
    return new RegistryException(ErrorCode.UNSUPPORTED,
        "method " + method + " is not allowed here; allowed: " + allowed);
  }

  /** Logs once with a reference the client also gets, so an operator can find the trace. */
  private static RegistryResponse internalError(RegistryRequest request, Exception e, ErrorCode code) {
    String incident = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    LOG.log(System.Logger.Level.ERROR, "incident " + incident + " serving " + request, e);
    String message = code == ErrorCode.UNAVAILABLE
        ? "storage is unavailable; try again later (incident " + incident + ")"
        : "internal error (incident " + incident + ")";
    return ErrorBody.of(code, message, null).build();
  }

  /** Not a bug: the operator learns what to fix from one line, without a trace per request. */
  private static RegistryResponse storageRefused(RegistryRequest request, IOException e, String why) {
    LOG.log(System.Logger.Level.WARNING, () -> request + ": " + why + ": " + e.getMessage());
    return ErrorBody.of(ErrorCode.UNAVAILABLE, why + "; try again later", null).build();
  }

  private static ClientBodyException clientFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClientBodyException) {
        return (ClientBodyException) t;
      }
    }
    return null;
  }
}
