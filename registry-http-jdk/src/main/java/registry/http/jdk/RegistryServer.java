package registry.http.jdk;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import registry.core.Registry;
import registry.core.auth.Authorizer;
import registry.core.http.RegistryHandler;
import registry.core.spi.StorageDriver;
import registry.http.jdk.auth.TokenIssuer;
import registry.http.jdk.internal.ExchangeAdapter;
import registry.http.jdk.internal.IdleWatchdog;
import registry.http.jdk.internal.HttpServers;
import registry.http.jdk.internal.InFlight;
import registry.http.jdk.internal.RecentFailures;
import registry.http.jdk.internal.RequestHeadDeadline;
import registry.http.jdk.internal.ServerExecutors;
import registry.http.jdk.internal.SocketAddresses;
import registry.http.jdk.internal.auth.TokenEndpoint;

/**
 * A registry served over HTTP by the JDK's built-in server: for embedding, and as a test
 * fixture that needs no container.
 *
 * <pre>{@code
 * try (RegistryServer server = RegistryServer.builder()
 *     .storage(new InMemoryStorageDriver())
 *     .build()
 *     .start()) {
 *   String image = server.hostAndPort() + "/team/app:1";   // 127.0.0.1:41234/team/app:1
 *   ... push and pull with any client; inspect with server.registry() ...
 * }
 * }</pre>
 *
 * <p>It listens on {@code 127.0.0.1} on a free port unless told otherwise, runs each exchange on
 * a virtual thread when the JVM has them (a bounded pool otherwise), and sets
 * {@code sun.net.httpserver.nodelay=true} (unless already set) before its first server starts,
 * since small responses otherwise wait about 40 ms on Nagle. Without {@link Builder#tls} it
 * serves plain HTTP yet answers a TLS ClientHello at once with {@code 400}, so clients that try
 * HTTPS first fall back without a 20 s stall.
 */
public final class RegistryServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk");

  private final Registry registry;
  /** Whether the builder made the registry (from a storage driver): then closing closes it. */
  private final boolean ownsRegistry;
  private final RegistryHandler handler;
  private final Builder settings;
  private final InFlight inFlight = new InFlight();
  private final RecentFailures failures = new RecentFailures();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile HttpServer server;
  private volatile InetSocketAddress boundAddress;
  private volatile ExecutorService executor;
  private volatile IdleWatchdog watchdog;

  private RegistryServer(Builder b, Registry registry, boolean ownsRegistry) {
    this.settings = b;
    this.registry = registry;
    this.ownsRegistry = ownsRegistry;
    this.handler = RegistryHandler.builder(registry)
        .host(b.host)
        .relativeUrls(b.relativeUrls)
        .trustForwardedHeaders(b.trustForwardedHeaders)
        .authorizer(b.effectiveAuthorizer())
        .build();
  }

  /** A builder; a {@link Builder#registry} or {@link Builder#storage} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the address and starts serving.
   *
   * @return this server
   * @throws UncheckedIOException when the address cannot be bound
   * @throws IllegalStateException when started before or closed
   */
  public RegistryServer start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException(closed.get() ? "server is closed" : "server already started");
    }
    try {
      HttpServer s = HttpServers.create(settings.address, settings.backlog, settings.tls, settings.answerTlsProbes);
      ExecutorService e = ServerExecutors.create();
      IdleWatchdog w = new IdleWatchdog(settings.idleTimeout, settings.headerTimeout);
      this.watchdog = w;
      List<HttpContext> contexts = new ArrayList<>();
      contexts.add(s.createContext("/", new ExchangeAdapter(handler, settings.tls != null, inFlight,
          settings.requestLogLevel, failures.andThen(settings.failureListener), w)));
      if (settings.tokenIssuer != null) {
        // The longer context path wins in the JDK server, so the realm is answered here.
        contexts.add(s.createContext(settings.tokenIssuer.path(), new TokenEndpoint(settings.tokenIssuer)));
      }
      if (settings.headerTimeout.isZero()) {
        s.setExecutor(e);
      } else {
        RequestHeadDeadline deadline = new RequestHeadDeadline(w, settings.headerTimeout);
        contexts.forEach(c -> c.getFilters().add(0, deadline.filter()));
        s.setExecutor(deadline.executor(e));
      }
      s.start();
      this.executor = e;
      this.boundAddress = s.getAddress();
      this.server = s;
    } catch (IOException e) {
      closed.set(true);
      throw new UncheckedIOException("cannot listen on " + SocketAddresses.hostAndPort(settings.address), e);
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "registry listening on " + uri());
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    return address().getPort();
  }

  /** The address the server listens (or listened, once closed) on. */
  public InetSocketAddress address() {
    InetSocketAddress a = boundAddress;
    if (a == null) {
      throw new IllegalStateException("server not started");
    }
    return a;
  }

  /** {@code host:port} for image references such as {@code 127.0.0.1:41234/team/app:1}. */
  public String hostAndPort() {
    InetSocketAddress a = address();
    InetAddress ip = a.getAddress();
    if (ip.isAnyLocalAddress()) {
      // Bound to every interface: loopback is the one address sure to reach it from here.
      return (ip instanceof Inet6Address ? "[::1]" : "127.0.0.1") + ":" + a.getPort();
    }
    return SocketAddresses.hostAndPort(a);
  }

  /** The base URL, such as {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create((settings.tls != null ? "https" : "http") + "://" + hostAndPort());
  }

  /** The in-process registry this server serves, to seed and inspect it without HTTP. */
  public Registry registry() {
    return registry;
  }

  /**
   * The failures (see {@link Builder#failureListener}) since the last call, oldest first; at
   * most the latest 100 are kept. A test fixture calls it after each test to fail the test the
   * server failed in, as {@code registry.http.jdk.junit.RegistryExtension} does.
   */
  public List<Throwable> takeFailures() {
    return failures.take();
  }

  /**
   * Stops accepting work, waits (up to {@link Builder#drainTimeout}) for exchanges in progress,
   * then stops the server. Idempotent. A registry made from {@link Builder#storage} is closed
   * with it, and with it the storage; a {@link Builder#registry} stays open, as it belongs to
   * the caller.
   *
   * @throws UncheckedIOException when closing the registry this server made fails
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      stopServing();
    } finally {
      if (ownsRegistry) {
        closeRegistry();
      }
    }
  }

  private void closeRegistry() {
    try {
      registry.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the registry over " + registry.storage().name(), e);
    }
  }

  private void stopServing() {
    HttpServer s = server;
    if (s == null) {
      return;
    }
    try {
      if (!inFlight.drain(settings.drainTimeout)) {
        LOG.log(System.Logger.Level.WARNING, "stopping with requests still in progress after " + settings.drainTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    s.stop(0);
    ExecutorService e = executor;
    e.shutdown();
    watchdog.close();
    try {
      e.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Settings of a {@link RegistryServer}. Setters refuse {@code null} with a
   * {@link NullPointerException} naming the setting: leave a setting out for its default.
   * {@link #build()} copies the settings, so changing the builder afterwards changes no server
   * built from it.
   */
  public static final class Builder {
    private Registry registry;
    private StorageDriver storage;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private int backlog = 0;
    private SSLContext tls;
    private URI host;
    private boolean relativeUrls;
    private boolean trustForwardedHeaders = true;
    private boolean answerTlsProbes = true;
    private Duration drainTimeout = Duration.ofSeconds(10);
    private System.Logger.Level requestLogLevel = System.Logger.Level.DEBUG;
    private Consumer<Throwable> failureListener = failure -> { };
    private Authorizer authorizer;
    private TokenIssuer tokenIssuer;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration headerTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /** The registry to serve; it stays the caller's, open after {@link RegistryServer#close()}. */
    public Builder registry(Registry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      this.storage = null;
      return this;
    }

    /**
     * Serves a new registry over this storage, with deletes enabled (convenient for tests). The
     * server owns that registry: {@link RegistryServer#close()} closes it and the storage.
     */
    public Builder storage(StorageDriver storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      this.registry = null;
      return this;
    }

    /** The address to listen on (default {@code 127.0.0.1} on a free port). */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The listen backlog (default 0: the system's). */
    public Builder backlog(int backlog) {
      if (backlog < 0) {
        throw new IllegalArgumentException("backlog is negative");
      }
      this.backlog = backlog;
      return this;
    }

    /** Serves HTTPS with this context (default: plain HTTP). */
    public Builder tls(SSLContext tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** The externally visible base URL for {@code Location} and {@code Link} (distribution's {@code http.host}). */
    public Builder host(URI host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Whether {@code Location} and {@code Link} are relative (distribution's {@code http.relativeurls}). */
    public Builder relativeUrls(boolean relativeUrls) {
      this.relativeUrls = relativeUrls;
      return this;
    }

    /** Whether {@code Forwarded}/{@code X-Forwarded-*} headers decide absolute URLs (default true). */
    public Builder trustForwardedHeaders(boolean trust) {
      this.trustForwardedHeaders = trust;
      return this;
    }

    /**
     * Whether the plain-HTTP server answers a TLS ClientHello with {@code 400} at once (default
     * true). Off, it is the JDK's plain {@code HttpServer}, which never answers one.
     */
    public Builder answerTlsProbes(boolean answer) {
      this.answerTlsProbes = answer;
      return this;
    }

    /**
     * How long an exchange may make no progress, its request body not arriving or its response
     * not being read, before its connection is closed (default 60 s; zero: never). Only
     * idleness counts: an upload that keeps sending, however slowly, is never cut, and a cut
     * upload stays resumable from what arrived. Waiting for the request headers is
     * {@link #headerTimeout}'s.
     */
    public Builder idleTimeout(Duration idleTimeout) {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (idleTimeout.isNegative()) {
        throw new IllegalArgumentException("idleTimeout is negative");
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * How long a client has, from the first byte of a request, to send the request line and
     * all headers, before its connection is closed (default 10 s; zero: no limit). Unlike
     * {@link #idleTimeout} this is a deadline: a head trickled a byte at a time is cut too,
     * since the JDK server holds an executor thread while it reads one. The body is not
     * covered. A connection that sends nothing holds no thread; the JDK closes it after
     * {@code sun.net.httpserver.idleInterval} (30 s).
     */
    public Builder headerTimeout(Duration headerTimeout) {
      if (Objects.requireNonNull(headerTimeout, "headerTimeout").isNegative()) {
        throw new IllegalArgumentException("headerTimeout is negative");
      }
      this.headerTimeout = headerTimeout;
      return this;
    }

    /** How long {@link RegistryServer#close()} waits for exchanges in progress (default 10 s). */
    public Builder drainTimeout(Duration drainTimeout) {
      Objects.requireNonNull(drainTimeout, "drainTimeout");
      if (drainTimeout.isNegative()) {
        throw new IllegalArgumentException("drainTimeout is negative");
      }
      this.drainTimeout = drainTimeout;
      return this;
    }

    /** The level of the log line written per request to logger {@code registry.http.jdk} (default DEBUG). */
    public Builder requestLogLevel(System.Logger.Level level) {
      this.requestLogLevel = Objects.requireNonNull(level, "requestLogLevel");
      return this;
    }

    /**
     * Told of each failure that is the server's own fault, so that a test fixture can fail the
     * test (as {@code registry.http.jdk.junit.RegistryExtension} does): an exchange answered
     * {@code 500} (an {@link IllegalStateException} naming the request and carrying the error
     * body, whose incident id finds the trace logged by {@code registry.core.http}), or a
     * {@link RuntimeException} or {@link Error} escaping an exchange. Client mistakes, {@code 503}
     * (storage unreachable) and connections the client dropped are not failures. Runs on the
     * exchange's thread: it must be fast and should not throw (what it throws is logged).
     * Default: none.
     */
    public Builder failureListener(Consumer<Throwable> listener) {
      this.failureListener = Objects.requireNonNull(listener, "failureListener");
      return this;
    }

    /**
     * Who may do what (see {@link registry.core.http.RegistryHandler.Builder#authorizer}); the
     * built-ins are in {@link registry.http.jdk.auth}. Default: everything allowed, or the
     * {@link #tokenIssuer}'s tokens when one is set.
     */
    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * Same as {@link #authorizer}.
     *
     * @deprecated the setting is named {@code authorizer} here as in
     *     {@link registry.core.http.RegistryHandler.Builder#authorizer}; use {@link #authorizer}
     */
    @Deprecated
    public Builder auth(Authorizer authorizer) {
      return authorizer(authorizer);
    }

    /**
     * Serves this token issuer at its {@link TokenIssuer#path()} (the realm clients fetch
     * tokens from), and, unless {@link #authorizer} says otherwise, accepts its tokens.
     */
    public Builder tokenIssuer(TokenIssuer issuer) {
      this.tokenIssuer = Objects.requireNonNull(issuer, "tokenIssuer");
      return this;
    }

    private Authorizer effectiveAuthorizer() {
      if (authorizer != null) {
        return authorizer;
      }
      return tokenIssuer != null ? tokenIssuer.authorizer() : Authorizer.allowAll();
    }

    /** The server, not yet started. */
    public RegistryServer build() {
      if (registry == null && storage == null) {
        throw new IllegalStateException("a registry or a storage driver is required");
      }
      if (registry != null) {
        return new RegistryServer(copy(), registry, false);
      }
      return new RegistryServer(copy(), Registry.builder().storage(storage).deleteEnabled(true).build(), true);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.registry = registry;
      b.storage = storage;
      b.address = address;
      b.backlog = backlog;
      b.tls = tls;
      b.host = host;
      b.relativeUrls = relativeUrls;
      b.trustForwardedHeaders = trustForwardedHeaders;
      b.answerTlsProbes = answerTlsProbes;
      b.drainTimeout = drainTimeout;
      b.requestLogLevel = requestLogLevel;
      b.failureListener = failureListener;
      b.authorizer = authorizer;
      b.tokenIssuer = tokenIssuer;
      b.idleTimeout = idleTimeout;
      b.headerTimeout = headerTimeout;
      return b;
    }
  }
}
