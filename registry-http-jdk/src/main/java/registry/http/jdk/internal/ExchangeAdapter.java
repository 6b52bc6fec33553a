package registry.http.jdk.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;
import registry.core.ErrorCode;
import registry.core.RegistryException;
import registry.core.http.RegistryHandler;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.core.http.ResponseBody;

/**
 * Maps a JDK {@link HttpExchange} to the transport-neutral {@link RegistryHandler} and back,
 * streaming both bodies. The scheme comes from how the server was configured, never from the
 * exchange's type: the plain-HTTP server is an {@code HttpsServer} too (see
 * {@link PassThroughEngine}).
 */
public final class ExchangeAdapter implements HttpHandler {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk");

  /** The most of an unread request body read and discarded so the client gets the answer. */
  private static final long MAX_DRAIN = 4L * 1024 * 1024;

  private final RegistryHandler handler;
  private final String scheme;
  private final InFlight inFlight;
  private final System.Logger.Level requestLogLevel;
  private final Consumer<Throwable> failures;
  private final IdleWatchdog watchdog;

  /**
   * An adapter whose exchanges are cut when their client stops sending or reading.
   *
   * @param handler the protocol handler
   * @param tls whether connections are TLS (decides the scheme of URLs handed out)
   * @param inFlight the counter that closing waits on
   * @param requestLogLevel the level of the one log line per request
   * @param failures told of each failure that is the server's own fault: a {@code 500} answer
   *     or an exception other than I/O escaping the exchange
   * @param watchdog watches each exchange's body streams
   */
  public ExchangeAdapter(RegistryHandler handler, boolean tls, InFlight inFlight,
      System.Logger.Level requestLogLevel, Consumer<Throwable> failures, IdleWatchdog watchdog) {
    this.watchdog = watchdog;
    this.handler = handler;
    this.scheme = tls ? "https" : "http";
    this.inFlight = inFlight;
    this.requestLogLevel = requestLogLevel;
    this.failures = failures;
  }

  @Override
  public void handle(HttpExchange exchange) {
    long start = System.nanoTime();
    int status = 0;
    IdleWatchdog.Tracker tracker = watchdog.track();
    UnreadBody body = watch(exchange, tracker);
    try {
      if (!inFlight.enter()) {
        status = refuse(exchange, tracker, body);
        return;
      }
      try (RegistryResponse response = answer(exchange)) {
        status = response.status();
        send(exchange, response, false, tracker, body);
      } finally {
        inFlight.exit();
      }
    } catch (IOException e) {
      // The status line is gone (or the client is): closing the connection is the only signal
      // left, and exchange.close() below does that for an unfinished fixed-length body.
      LOG.log(System.Logger.Level.DEBUG, () -> "exchange failed: " + describe(exchange), e);
    } catch (RuntimeException e) {
      // Not the client going away (that is an IOException): a bug of ours, worth a test failing.
      LOG.log(System.Logger.Level.DEBUG, () -> "exchange failed: " + describe(exchange), e);
      report(e);
    } catch (Error e) {
      report(e);
      throw e;
    } finally {
      exchange.close();
      tracker.close();
      if (LOG.isLoggable(requestLogLevel)) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.log(requestLogLevel, describe(exchange) + " " + status + " " + millis + "ms");
      }
    }
  }

  private RegistryResponse answer(HttpExchange exchange) throws IOException {
    if (!isUpperCase(exchange.getRequestMethod())) {
      return notImplemented(exchange);
    }
    return reportIfInternalError(exchange, handler.handle(request(exchange)));
  }

  /**
   * A 500 is the registry's own fault (the handler has logged the trace under an incident id):
   * the failure listener hears of it with the error body, which names that incident. The body
   * is small (the handler's JSON error), so it is copied to be sent after reading it.
   */
  private RegistryResponse reportIfInternalError(HttpExchange exchange, RegistryResponse response)
      throws IOException {
    if (response.status() != 500) {
      return response;
    }
    if (!response.hasBody()) {
      report(new IllegalStateException(describe(exchange) + " answered 500"));
      return response;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (response) {
      response.writeBodyTo(body);
    }
    report(new IllegalStateException(describe(exchange) + " answered 500: " + body.toString(StandardCharsets.UTF_8)));
    RegistryResponse.Builder copy = RegistryResponse.builder(500).body(ResponseBody.of(body.toByteArray()));
    response.headers().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
    return copy.build();
  }

  /**
   * Routes both body streams through the watchdog. Every later read and write (the handler's,
   * the drain of an unread body, the JDK's own close) then goes through them.
   */
  private static UnreadBody watch(HttpExchange exchange, IdleWatchdog.Tracker tracker) {
    // Both originals must exist before setStreams (the JDK keeps them to finish the exchange).
    UnreadBody body = new UnreadBody(TrackedStreams.in(exchange.getRequestBody(), tracker));
    exchange.setStreams(body, TrackedStreams.out(exchange.getResponseBody(), tracker));
    return body;
  }

  private void report(Throwable failure) {
    try {
      failures.accept(failure);
    } catch (RuntimeException listenerFailed) {
      LOG.log(System.Logger.Level.WARNING, "failure listener threw", listenerFailed);
    }
  }

  private RegistryRequest request(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    InetSocketAddress local = exchange.getLocalAddress();
    return RegistryRequest.builder(exchange.getRequestMethod(), uri.getRawPath() == null ? "" : uri.getRawPath())
        .rawQuery(uri.getRawQuery())
        .headers(exchange.getRequestHeaders())
        .body(exchange.getRequestBody())
        .scheme(scheme)
        .authority(SocketAddresses.hostAndPort(local))
        .remoteAddress(exchange.getRemoteAddress())
        .build();
  }

  /** Answers while the server shuts down: 503, and the client should come back elsewhere. */
  private int refuse(HttpExchange exchange, IdleWatchdog.Tracker tracker, UnreadBody body) throws IOException {
    try (RegistryResponse response = handler.errorResponse(
        new RegistryException(ErrorCode.UNAVAILABLE, "the registry is shutting down"))) {
      send(exchange, response, true, tracker, body);
      return response.status();
    }
  }

  /**
   * Methods are case-sensitive (RFC 9110, 9.1) and every method the registry implements is
   * upper-case, so any other spelling is a method it does not implement. Checked here because
   * {@link RegistryRequest} upper-cases the method: past this point {@code get} would be served
   * as {@code GET}.
   */
  private static boolean isUpperCase(String method) {
    return method.equals(method.toUpperCase(Locale.ROOT));
  }

  /** {@code 501}, without the API's error body: the request never reached the registry API. */
  private static RegistryResponse notImplemented(HttpExchange exchange) {
    byte[] text = ("method " + exchange.getRequestMethod() + " is not implemented (methods are case-sensitive)\n")
        .getBytes(StandardCharsets.UTF_8);
    return RegistryResponse.builder(501).header("Content-Type", "text/plain; charset=utf-8")
        .body(ResponseBody.of(text)).build();
  }

  /**
   * Sends the answer. What the handler left of the request body is read first, so that a
   * client still sending it gets to read the answer, unless it cannot come (its framing broke,
   * or more is announced than is worth reading): then the answer goes at once, says
   * {@code Connection: close}, and the JDK's own read of the rest is cut short.
   */
  private static void send(HttpExchange exchange, RegistryResponse response, boolean close,
      IdleWatchdog.Tracker tracker, UnreadBody body) throws IOException {
    boolean drain = body.worthDraining(declaredLength(exchange), MAX_DRAIN);
    if (drain) {
      drainUnreadBody(exchange);
    }
    Headers headers = exchange.getResponseHeaders();
    response.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    if (close || !drain) {
      headers.set("Connection", "close");
    }
    int status = response.status();
    long length = response.contentLength();
    if (!response.hasBody()) {
      // HEAD: the real length of what GET would send. The JDK server omits Content-Length when
      // told -1, so it is set here; it never adds a body to a HEAD answer.
      if (length >= 0 && status >= 200 && status != 204 && status != 304) {
        headers.set("Content-Length", Long.toString(length));
      }
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    // 0 tells the JDK server "chunked"; any positive number is a fixed length.
    exchange.sendResponseHeaders(status, length < 0 ? 0 : length);
    try (OutputStream out = exchange.getResponseBody()) {
      response.writeBodyTo(out);
      if (!drain) {
        tracker.abandonRequestBody();
      }
    }
  }

  private static OptionalLong declaredLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // the JDK refuses such a request before any handler runs
    }
  }

  /**
   * Reads what the handler left of the request body (it refused the request before reading it
   * all), up to a bound. A client still sending would otherwise meet a connection reset and
   * never read the error; beyond the bound the server closes the connection instead.
   */
  private static void drainUnreadBody(HttpExchange exchange) {
    byte[] sink = new byte[16 * 1024];
    long left = MAX_DRAIN;
    try {
      InputStream in = exchange.getRequestBody();
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException e) {
      // The client is gone or sent garbage; the answer will fail to send, which is all we can do.
    }
  }

  private static String describe(HttpExchange exchange) {
    InetSocketAddress remote = exchange.getRemoteAddress();
    return (remote == null ? "?" : remote.getAddress().getHostAddress()) + " "
        + exchange.getRequestMethod() + " " + exchange.getRequestURI();
  }
}
