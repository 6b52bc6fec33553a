package registry.http.jdk.junit;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import registry.core.Registry;
import registry.core.spi.StorageDriver;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * Starts, injects and closes a {@link RegistryServer} that the test builds, and fails a test
 * during which that server failed ({@link RegistryServer#takeFailures()}: answered {@code 500},
 * or an exchange threw), since clients often retry or shrug such failures off.
 *
 * <pre>{@code
 * class CatalogTest {
 *   @RegisterExtension
 *   static final RegistryExtension registry = RegistryExtension.of(RegistryServer.builder()
 *       .storage(new InMemoryStorageDriver())      // or a filesystem driver
 *       .relativeUrls(true)                         // any other server setting
 *       .build());
 *
 *   @Test
 *   void listsWhatWasPushed() throws Exception {
 *     registry.registry().repository("team/app").manifests().put(...);   // seed in-process
 *     HttpResponse<String> r = HttpClient.newHttpClient().send(
 *         HttpRequest.newBuilder(registry.uri().resolve("/v2/_catalog")).build(), BodyHandlers.ofString());
 *     assertEquals("{\"repositories\":[\"team/app\"]}", r.body());
 *   }
 * }
 * }</pre>
 *
 * <p>Where it is registered decides how long its server lives: in a {@code static} field, one
 * server for the whole class (and its {@code @Nested} classes), started before the first test
 * and closed after the last; in an instance field, which JUnit initializes for each test, one
 * per test. Registered through {@link RegistryTest} (or
 * {@code @ExtendWith(RegistryExtension.class)}), each test that declares a
 * {@link RegistryServer} or {@link Registry} parameter gets a fresh in-memory server. Servers
 * live in the JUnit {@link ExtensionContext.Store} of their scope, which closes them (JUnit 5.13
 * or newer); closing a server closes the registry and storage it made.
 *
 * @see RegistryTest
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RegistryExtension.class);

  /** The test's server; null for {@link RegistryTest}, which makes one per test. */
  private final RegistryServer server;
  private final boolean failOnServerErrors;
  private final AtomicBoolean started = new AtomicBoolean();

  /**
   * The extension as {@link RegistryTest} uses it: a fresh in-memory server for each test that
   * asks for one. Prefer {@link #of} for a registered field.
   */
  public RegistryExtension() {
    this(null, true);
  }

  private RegistryExtension(RegistryServer server, boolean failOnServerErrors) {
    this.server = server;
    this.failOnServerErrors = failOnServerErrors;
  }

  /**
   * Starts, injects and closes this server, which must not be started yet.
   *
   * @throws NullPointerException when {@code server} is null
   */
  public static RegistryExtension of(RegistryServer server) {
    return new RegistryExtension(Objects.requireNonNull(server, "server"), true);
  }

  /**
   * This extension, failing tests during which the server failed or not (default true). Turn
   * off in tests that break the server on purpose, such as with storage that fails; or leave it
   * on and take the failures you expect with {@link RegistryServer#takeFailures()}.
   */
  public RegistryExtension failOnServerErrors(boolean fail) {
    return new RegistryExtension(server, fail);
  }

  /**
   * The old way to configure one: a second builder mirroring {@link RegistryServer.Builder}.
   *
   * @deprecated build the server and pass it to {@link #of}
   */
  @Deprecated
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The server of this extension (not started in a field initializer).
   *
   * @throws IllegalStateException when this extension came from {@link RegistryTest}, which
   *     hands servers out as parameters
   */
  public RegistryServer server() {
    if (server == null) {
      throw new IllegalStateException("a @RegistryTest server is a parameter: declare a RegistryServer parameter");
    }
    return server;
  }

  /** The server's base URL, such as {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return server().uri();
  }

  /** {@code host:port} for image references such as {@code 127.0.0.1:41234/team/app:1}. */
  public String hostAndPort() {
    return server().hostAndPort();
  }

  /** The in-process registry the server serves, to seed and inspect it without HTTP. */
  public Registry registry() {
    return server().registry();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Called only for a static field, and again for each @Nested class: they share the server.
    startOnce(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // An instance field: beforeAll never ran, and the field holds a server for this test alone.
    startOnce(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    throwIfFailed(server != null ? server : ownServer(context), context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Failures outside any test: in @BeforeAll or @AfterAll methods.
    throwIfFailed(server, context.getDisplayName());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RegistryServer.class || type == Registry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RegistryServer s = server != null ? server : context.getStore(NAMESPACE).getOrComputeIfAbsent(this,
        k -> RegistryServer.builder().storage(new InMemoryStorageDriver()).build().start(), RegistryServer.class);
    return parameter.getParameter().getType() == Registry.class ? s.registry() : s;
  }

  private void startOnce(ExtensionContext context) {
    if (server != null && started.compareAndSet(false, true)) {
      context.getStore(NAMESPACE).put(this, server.start());
    }
  }

  private RegistryServer ownServer(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(this, RegistryServer.class);
  }

  /**
   * Fails with every failure since the last call, if any: the first as the cause (its stack
   * trace is the most useful), all as suppressed exceptions.
   */
  private void throwIfFailed(RegistryServer s, String scope) {
    if (s == null) {
      return;
    }
    List<Throwable> seen = s.takeFailures();
    if (seen.isEmpty() || !failOnServerErrors) {
      return;
    }
    AssertionError error = new AssertionError("the registry server at " + s.uri() + " failed "
        + seen.size() + " time(s) during " + scope + "; first: " + seen.get(0).getMessage(), seen.get(0));
    seen.subList(1, seen.size()).forEach(error::addSuppressed);
    throw error;
  }

  /**
   * Settings of a {@link RegistryExtension} that mirror the server's.
   *
   * @deprecated build a {@link RegistryServer} and pass it to {@link RegistryExtension#of}
   */
  @Deprecated
  public static final class Builder {
    private Supplier<StorageDriver> storage = InMemoryStorageDriver::new;
    private Consumer<RegistryServer.Builder> customizer = b -> { };
    private boolean failOnServerErrors = true;

    private Builder() {}

    /** Where the server stores data (default: a new {@link InMemoryStorageDriver}). */
    public Builder storage(Supplier<? extends StorageDriver> storage) {
      Objects.requireNonNull(storage, "storage");
      this.storage = storage::get;
      return this;
    }

    /** Any other server setting, applied to the server's builder. */
    public Builder server(Consumer<RegistryServer.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /** See {@link RegistryExtension#failOnServerErrors}. */
    public Builder failOnServerErrors(boolean fail) {
      this.failOnServerErrors = fail;
      return this;
    }

    /** The extension over a server built now, from these settings. */
    public RegistryExtension build() {
      RegistryServer.Builder b = RegistryServer.builder().storage(storage.get());
      customizer.accept(b);
      return of(b.build()).failOnServerErrors(failOnServerErrors);
    }
  }
}
