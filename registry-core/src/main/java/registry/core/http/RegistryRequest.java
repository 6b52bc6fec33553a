package registry.core.http;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the {@link RegistryHandler} sees it: method, raw path and query (still
 * percent-encoded), headers looked up without regard to case, and the body as a stream.
 *
 * <pre>{@code
 * RegistryRequest request = RegistryRequest.builder("PATCH", "/v2/team/app/blobs/uploads/" + id)
 *     .header("Content-Range", "0-1023")
 *     .body(chunk)
 *     .build();
 * }</pre>
 *
 * <p>Immutable apart from the body stream, which the handler reads at most once.
 */
public final class RegistryRequest {

  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final InputStream body;
  private final String scheme;
  private final String authority;
  private final InetSocketAddress remoteAddress;

  private RegistryRequest(Builder b) {
    this.method = b.method;
    this.rawPath = b.rawPath;
    this.rawQuery = b.rawQuery;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = b.body == null ? InputStream.nullInputStream() : b.body;
    this.scheme = b.scheme;
    this.authority = b.authority;
    this.remoteAddress = b.remoteAddress;
  }

  /** A builder for a request with this method (such as {@code GET}) and raw path. */
  public static Builder builder(String method, String rawPath) {
    return new Builder(method, rawPath);
  }

  /** The method in upper case, such as {@code GET}. */
  public String method() {
    return method;
  }

  /** The path as sent, still percent-encoded, such as {@code /v2/team/app/tags/list}. */
  public String rawPath() {
    return rawPath;
  }

  /** The query as sent without the {@code ?}, still percent-encoded, or empty. */
  public Optional<String> rawQuery() {
    return Optional.ofNullable(rawQuery);
  }

  /** Every header, keys compared without regard to case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, when present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body; empty when the request has none. */
  public InputStream body() {
    return body;
  }

  /**
   * The scheme the request arrived with on this connection, {@code http} or {@code https}, as
   * the adapter knows it from its own configuration; proxies' headers may override it for URLs.
   */
  public String scheme() {
    return scheme;
  }

  /**
   * The {@code host[:port]} to use in absolute URLs when the request carries no {@code Host}
   * header (HTTP/1.0), or empty.
   */
  public Optional<String> authority() {
    return Optional.ofNullable(authority);
  }

  /**
   * The address of the peer on the other end of the connection, when the adapter knows it
   * (behind a reverse proxy: the proxy). Access control keys failed-login limits on it.
   */
  public Optional<InetSocketAddress> remoteAddress() {
    return Optional.ofNullable(remoteAddress);
  }

  @Override
  public String toString() {
    return method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
  }

  /** Builds a {@link RegistryRequest}. */
  public static final class Builder {
    private final String method;
    private final String rawPath;
    private String rawQuery;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private InputStream body;
    private String scheme = "http";
    private String authority;
    private InetSocketAddress remoteAddress;

    private Builder(String method, String rawPath) {
      if (method == null || method.isEmpty() || rawPath == null) {
        throw new IllegalArgumentException("a request needs a method and a path");
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.rawPath = rawPath;
    }

    /** The raw query without {@code ?}, or null for none. */
    public Builder rawQuery(String rawQuery) {
      this.rawQuery = rawQuery == null || rawQuery.isEmpty() ? null : rawQuery;
      return this;
    }

    /** Adds a header value. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every value of every header in the map. */
    public Builder headers(Map<String, List<String>> all) {
      all.forEach((name, values) -> {
        if (name != null) {
          values.forEach(v -> header(name, v));
        }
      });
      return this;
    }

    /** The body stream (default: empty). */
    public Builder body(InputStream body) {
      this.body = body;
      return this;
    }

    /** The connection's scheme, {@code http} (default) or {@code https}. */
    public Builder scheme(String scheme) {
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("scheme must be http or https: " + scheme);
      }
      this.scheme = scheme;
      return this;
    }

    /** The {@code host[:port]} the server listens on, for requests without a {@code Host} header. */
    public Builder authority(String authority) {
      this.authority = authority;
      return this;
    }

    /** The address of the connection's peer (default: unknown). */
    public Builder remoteAddress(InetSocketAddress remoteAddress) {
      this.remoteAddress = remoteAddress;
      return this;
    }

    /** The request. */
    public RegistryRequest build() {
      return new RegistryRequest(this);
    }
  }
}
