package registry.http.jdk.internal.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.http.jdk.auth.TokenIssuer;

/** Serves a {@link TokenIssuer} on the JDK server, beside the registry's own context. */
public final class TokenEndpoint implements HttpHandler {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk.auth");

  private final TokenIssuer issuer;

  /** An endpoint for the issuer. */
  public TokenEndpoint(TokenIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      RegistryRequest request = RegistryRequest.builder(exchange.getRequestMethod(),
              uri.getRawPath() == null ? "" : uri.getRawPath())
          .rawQuery(uri.getRawQuery())
          .headers(exchange.getRequestHeaders())
          .body(exchange.getRequestBody())
          .remoteAddress(exchange.getRemoteAddress())
          .build();
      RegistryResponse response;
      try {
        response = issuer.handle(request);
      } catch (RuntimeException e) {
        // Never a trace to the client; the request line holds no secret (credentials travel in
        // a header or the body, which are not logged).
        LOG.log(System.Logger.Level.ERROR, "token request failed: " + exchange.getRequestMethod() + " " + uri.getRawPath(), e);
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      try (response) {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        if (!response.hasBody() || head) {
          exchange.sendResponseHeaders(response.status(), -1);
          return;
        }
        exchange.sendResponseHeaders(response.status(), response.contentLength() < 0 ? 0 : response.contentLength());
        try (OutputStream out = exchange.getResponseBody()) {
          response.writeBodyTo(out);
        }
      }
    }
  }
}
