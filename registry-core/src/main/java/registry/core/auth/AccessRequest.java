package registry.core.auth;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import registry.core.http.RegistryRequest;

/**
 * A request as an {@link Authorizer} sees it: the HTTP request (its {@code Authorization}
 * header, client address) and the scopes its route needs.
 *
 * <p>The scopes are: {@code repository:<name>:pull} for {@code GET} and {@code HEAD};
 * {@code repository:<name>:pull,push} for uploads and manifest {@code PUT};
 * {@code repository:<name>:delete} for {@code DELETE}; {@code registry:catalog:*} for the
 * catalog. The base {@code /v2/} and the search endpoint need no scope: only an answer to
 * "who is asking", which is where clients learn how to authenticate.
 *
 * @param request the HTTP request (its body must not be read)
 * @param scopes what the route needs; empty for the base endpoint and search
 * @param origin the {@code scheme://host[:port]} the client reached, by the handler's URL
 *     policy (configured host, proxy headers, {@code Host}): resolves a relative token realm
 */
public record AccessRequest(RegistryRequest request, List<Scope> scopes, URI origin) {

  /** Validates and copies. */
  public AccessRequest {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(origin, "origin");
    scopes = List.copyOf(scopes);
  }

  /** The {@code Authorization} header, when sent. */
  public Optional<String> authorization() {
    return request.header("Authorization");
  }

  /** The credentials of an {@code Authorization: Basic} header, when sent and well formed. */
  public Optional<BasicCredentials> basicCredentials() {
    return authorization().flatMap(BasicCredentials::parse);
  }

  /** The token of an {@code Authorization: Bearer} header, when sent. */
  public Optional<String> bearerToken() {
    return authorization()
        .filter(a -> a.length() > 7 && a.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(a -> a.substring(7).trim())
        .filter(t -> !t.isEmpty());
  }

  /**
   * The address of the peer that sent the request, when the adapter knows it. Behind a reverse
   * proxy this is the proxy.
   */
  public Optional<InetAddress> clientAddress() {
    return request.remoteAddress().map(a -> a.getAddress());
  }
}
