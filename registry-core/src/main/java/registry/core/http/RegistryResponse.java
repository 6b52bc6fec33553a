package registry.core.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@link RegistryHandler} answers: status, headers and an optional body. An adapter
 * sends them like this:
 *
 * <pre>{@code
 * try (RegistryResponse response = handler.handle(request)) {
 *   copy response.headers() to the transport;
 *   if (response.hasBody()) {
 *     send headers with length response.contentLength() (-1: chunked);
 *     response.writeBodyTo(out);
 *   } else {
 *     if (response.contentLength() >= 0) set "Content-Length" to it;   // HEAD: the GET length
 *     send headers with no body;
 *   }
 * }
 * }</pre>
 *
 * <p>{@code Content-Length} is never among {@link #headers()}: the transport owns that header,
 * and {@link #contentLength()} says what it should be. Close the response to release an open
 * blob stream, whether or not the body was sent.
 */
public final class RegistryResponse implements Closeable {

  private final int status;
  private final Map<String, List<String>> headers;
  private final ResponseBody body;
  private final long contentLength;
  /** Housekeeping of the request that waits until the response is sent (see {@link #close}). */
  private final List<Runnable> closeTasks;

  private RegistryResponse(int status, Map<String, List<String>> headers, ResponseBody body,
      long contentLength) {
    this(status, headers, body, contentLength, List.of());
  }

  private RegistryResponse(int status, Map<String, List<String>> headers, ResponseBody body,
      long contentLength, List<Runnable> closeTasks) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.contentLength = contentLength;
    this.closeTasks = closeTasks;
  }

  /** A builder for a response with this status. */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The headers in the order they were added, names as written. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header (name compared without regard to case), when present. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** Whether body bytes follow the headers. False for HEAD, 204 and 304 and empty bodies. */
  public boolean hasBody() {
    return body != null;
  }

  /**
   * The value for {@code Content-Length}: the body's length, for HEAD the length a GET would
   * send, 0 for an empty response, or -1 when it must not be sent (unknown length, 204, 304).
   */
  public long contentLength() {
    return contentLength;
  }

  /** Writes the body; does nothing when there is none. */
  public void writeBodyTo(OutputStream out) throws IOException {
    if (body != null) {
      body.writeTo(out);
    }
  }

  /** The same response without body bytes but with the same {@link #contentLength()}, for HEAD. */
  RegistryResponse withoutBody() throws IOException {
    if (body == null) {
      return this;
    }
    body.close();
    return new RegistryResponse(status, headers, null, contentLength, closeTasks);
  }

  /** The same response, running {@code tasks} too when it is closed. */
  RegistryResponse withCloseTasks(List<Runnable> tasks) {
    if (tasks.isEmpty()) {
      return this;
    }
    List<Runnable> all = new ArrayList<>(closeTasks);
    all.addAll(tasks);
    return new RegistryResponse(status, headers, body, contentLength, List.copyOf(all));
  }

  /**
   * Releases the body, then runs what the request left to do once its client has the answer
   * (removing a finished upload's directory): adapters close a response after sending it.
   */
  @Override
  public void close() throws IOException {
    try {
      if (body != null) {
        body.close();
      }
    } finally {
      for (Runnable task : closeTasks) {
        task.run();
      }
    }
  }

  @Override
  public String toString() {
    return "RegistryResponse{" + status + ", " + headers + "}";
  }

  /** Builds a {@link RegistryResponse}. */
  public static final class Builder {
    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private ResponseBody body;
    private long contentLength;

    private Builder(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("invalid HTTP status " + status);
      }
      this.status = status;
      this.contentLength = status == 204 || status == 304 || status < 200 ? -1 : 0;
    }

    /** Adds a header value. {@code Content-Length} is refused: use {@link #body} or {@link #contentLength}. */
    public Builder header(String name, String value) {
      if ("Content-Length".equalsIgnoreCase(name)) {
        throw new IllegalArgumentException("Content-Length is set through body() or contentLength()");
      }
      headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      return this;
    }

    /** Replaces a header's values with one value. */
    public Builder setHeader(String name, String value) {
      headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
      return header(name, value);
    }

    /** The body; sets {@link RegistryResponse#contentLength()} to its length. */
    public Builder body(ResponseBody body) {
      this.body = body;
      this.contentLength = body.contentLength();
      return this;
    }

    /** The {@code Content-Length} of a response without body bytes (HEAD of a blob). */
    public Builder contentLength(long contentLength) {
      this.contentLength = contentLength;
      return this;
    }

    /** The response. */
    public RegistryResponse build() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      ResponseBody b = body;
      if (b != null && b.contentLength() == 0) {
        // An empty body is no body: adapters then send a plain Content-Length: 0.
        try {
          b.close();
        } catch (IOException e) {
          // Nothing was read from it; a failure to release it concerns no one.
        }
        b = null;
      }
      return new RegistryResponse(status, Collections.unmodifiableMap(copy), b, contentLength);
    }
  }
}
