package registry.http.jdk.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import registry.core.auth.BasicCredentials;
import registry.core.auth.Scope;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.core.http.ResponseBody;

/**
 * A request to the token endpoint, read from either form clients use: {@code GET} with
 * {@code service}, {@code scope} (repeated, or several separated by spaces) and {@code account}
 * in the query and Basic credentials; or the OAuth2 password grant, a {@code POST} form with
 * {@code grant_type=password}, {@code username}, {@code password}, {@code service} and
 * {@code scope}. Plus the JSON answers of the endpoint.
 *
 * @param credentials the credentials, when sent
 * @param service the {@code service} asked for, when given
 * @param scopes the scopes asked for
 * @param oauth whether it is the OAuth2 form (the answer then also says {@code scope})
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker registry token authentication</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 token authentication</a>
 */
public record TokenRequest(Optional<BasicCredentials> credentials, Optional<String> service, List<Scope> scopes,
    boolean oauth) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_FORM = 64 * 1024;

  /** A request the endpoint answers with an error before looking at credentials. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient RegistryResponse response;

    Refused(RegistryResponse response) {
      super(null, null, false, false);
      this.response = response;
    }

    /** The error response to send. */
    public RegistryResponse response() {
      return response;
    }
  }

  /** Reads a request; a malformed one is {@link Refused} with its 400 or 405. */
  public static TokenRequest parse(RegistryRequest request) throws Refused {
    Map<String, List<String>> params;
    Optional<BasicCredentials> credentials;
    boolean oauth = false;
    try {
      switch (request.method()) {
        case "GET":
        case "HEAD":
          params = form(request.rawQuery().orElse(""));
          credentials = request.header("Authorization").flatMap(BasicCredentials::parse);
          break;
        case "POST":
          params = form(readForm(request.body()));
          if (!"password".equals(first(params, "grant_type"))) {
            throw new Refused(error(400, "unsupported_grant_type", "only grant_type=password is supported").build());
          }
          credentials = Optional.of(new BasicCredentials(
              Optional.ofNullable(first(params, "username")).orElse(""),
              Optional.ofNullable(first(params, "password")).orElse("")));
          oauth = true;
          break;
        default:
          throw new Refused(error(405, "UNSUPPORTED", "use GET or POST").header("Allow", "GET, POST").build());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new Refused(error(400, "invalid_request", "malformed request: " + e.getMessage()).build());
    }
    List<Scope> scopes = new ArrayList<>();
    for (String value : params.getOrDefault("scope", List.of())) {
      for (String s : value.trim().split(" +")) {
        if (!s.isEmpty()) {
          try {
            scopes.add(Scope.parse(s));
          } catch (IllegalArgumentException e) {
            throw new Refused(error(400, "invalid_scope", e.getMessage()).build());
          }
        }
      }
    }
    return new TokenRequest(credentials, Optional.ofNullable(first(params, "service")), scopes, oauth);
  }

  /** The answer carrying a token, in the shape docker, podman, skopeo and Jib read. */
  public RegistryResponse answer(String token, long expiresInSeconds, String issuedAt, List<Scope> granted) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("access_token", token);
    body.put("expires_in", expiresInSeconds);
    body.put("issued_at", issuedAt);
    if (oauth) {
      List<String> names = new ArrayList<>();
      granted.forEach(s -> names.add(s.toString()));
      body.put("scope", String.join(" ", names));
    }
    return json(200, body).build();
  }

  /** An error in the registry's shape, {@code {"errors":[{"code":..,"message":..}]}}; headers may follow. */
  public static RegistryResponse.Builder error(int status, String code, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("message", message);
    return json(status, Map.of("errors", List.of(e)));
  }

  private static RegistryResponse.Builder json(int status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    // Tokens are credentials: no cache may keep them.
    return RegistryResponse.builder(status)
        .header("Content-Type", "application/json")
        .header("Cache-Control", "no-store")
        .body(ResponseBody.of(bytes));
  }

  private static String first(Map<String, List<String>> params, String key) {
    List<String> values = params.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String readForm(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_FORM + 1);
    if (bytes.length > MAX_FORM) {
      throw new IllegalArgumentException("form larger than " + MAX_FORM + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code a=1&b=2&a=3} decoded ({@code +} is a space, as in forms and Go's url.Values). */
  private static Map<String, List<String>> form(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return params;
  }

  /** The credentials without the password. */
  @Override
  public String toString() {
    return "TokenRequest[" + credentials.map(BasicCredentials::username).orElse("anonymous") + ", " + scopes + "]";
  }
}
