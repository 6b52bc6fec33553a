package registry.core.http;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import registry.core.Registry;
import registry.core.RegistryException;
import registry.core.auth.Authorizer;
import registry.core.internal.http.BaseUrl;
import registry.core.internal.http.Router;
import registry.core.internal.service.AfterResponse;

/**
 * The OCI Distribution HTTP API over a {@link Registry}, independent of any HTTP server.
 *
 * <pre>{@code
 * RegistryHandler handler = RegistryHandler.builder(registry)
 *     .host(URI.create("https://registry.example.com"))   // or relativeUrls(true)
 *     .authorizer(authorizer)                             // default: everything allowed
 *     .build();
 * try (RegistryResponse response = handler.handle(request)) { ... }
 * }</pre>
 *
 * <p>Every response carries {@code Docker-Distribution-API-Version: registry/2.0}. Errors are
 * answered with the spec's JSON body and the status of their {@link registry.core.ErrorCode};
 * unexpected failures become {@code 500 UNKNOWN}, are logged once and never show a stack trace.
 * {@code Location} and {@code Link} URLs are absolute unless {@link Builder#relativeUrls}: from
 * the configured {@link Builder#host}, else from the proxy headers {@code Forwarded},
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, else from the request's
 * {@code Host} and scheme.
 *
 * <p>Thread-safe; one instance serves all requests.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution spec</a>
 */
public final class RegistryHandler {

  /** The header every response carries, which clients check to know they talk to a registry. */
  public static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

  private final Registry registry;
  private final Router router;
  private final Builder settings;

  private RegistryHandler(Builder b) {
    this.registry = b.registry;
    this.settings = b.copy();
    this.router = new Router(registry, new BaseUrl(b.host, b.relativeUrls, b.trustForwardedHeaders),
        b.authorizer);
  }

  /** A builder for a handler over {@code registry}. */
  public static Builder builder(Registry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry"));
  }

  /** A builder holding this handler's settings. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /** The registry this handler serves. */
  public Registry registry() {
    return registry;
  }

  /**
   * Answers one request. Never throws for anything the client sent or storage did: those
   * become error responses. The caller must close the response.
   */
  public RegistryResponse handle(RegistryRequest request) {
    // Housekeeping the request leaves (a finished upload's directory) runs when the adapter
    // closes the response, after sending it.
    AfterResponse later = AfterResponse.collecting();
    RegistryResponse response = router.route(request, later).withCloseTasks(later.tasks());
    if ("HEAD".equals(request.method())) {
      try {
        return response.withoutBody();
      } catch (IOException e) {
        // Closing an unsent body failed; the HEAD answer is still right.
        return response;
      }
    }
    return response;
  }

  /**
   * The error response the handler would give for {@code error}, for adapters that refuse a
   * request before it reaches {@link #handle} (a server shutting down, a failed login).
   */
  public RegistryResponse errorResponse(RegistryException error) {
    return Router.error(error);
  }

  /** Settings of a {@link RegistryHandler}. */
  public static final class Builder {
    private final Registry registry;
    private URI host;
    private boolean relativeUrls;
    private boolean trustForwardedHeaders = true;
    private Authorizer authorizer = Authorizer.allowAll();

    private Builder(Registry registry) {
      this.registry = registry;
    }

    /**
     * The externally visible base URL, such as {@code https://registry.example.com}, used for
     * absolute URLs whatever the request says (distribution's {@code http.host}). Only its
     * scheme and authority count.
     */
    public Builder host(URI host) {
      if (host != null && (host.getScheme() == null || host.getRawAuthority() == null)) {
        throw new IllegalArgumentException("host must be an absolute URL such as https://registry.example.com");
      }
      this.host = host;
      return this;
    }

    /** Whether {@code Location} and {@code Link} are relative paths (distribution's {@code http.relativeurls}). */
    public Builder relativeUrls(boolean relativeUrls) {
      this.relativeUrls = relativeUrls;
      return this;
    }

    /**
     * Whether {@code Forwarded}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} decide
     * absolute URLs (default true, as distribution; turn off when clients reach the registry
     * without a proxy that sets or strips them).
     */
    public Builder trustForwardedHeaders(boolean trust) {
      this.trustForwardedHeaders = trust;
      return this;
    }

    /**
     * Who may do what (default {@link Authorizer#allowAll()}). Asked once per request, after
     * the path and repository name are validated and before any route runs: a refusal becomes
     * 401 {@code UNAUTHORIZED} with its {@code WWW-Authenticate}, 403 {@code DENIED} or 429
     * {@code TOOMANYREQUESTS}, and the route never sees the request. The catalog and search
     * list only repositories the caller may pull, and a cross-repository mount whose source
     * the caller may not pull becomes a plain upload (202).
     */
    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /** The handler. */
    public RegistryHandler build() {
      return new RegistryHandler(this);
    }

    private Builder copy() {
      Builder b = new Builder(registry);
      b.host = host;
      b.relativeUrls = relativeUrls;
      b.trustForwardedHeaders = trustForwardedHeaders;
      b.authorizer = authorizer;
      return b;
    }
  }
}
