package registry.http.jdk.junit;

import java.net.URI;
import java.util.Objects;
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
 * A registry server for JUnit 5 tests, one per class or one per test, on {@code 127.0.0.1} on
 * a free port. After each test it fails the test if the server failed meanwhile (answered
 * {@code 500}, or an exchange threw), since clients often retry or shrug such failures off.
 *
 * <pre>{@code
 * class CatalogTest {
 *   @RegisterExtension
 *   static final RegistryExtension registry = RegistryExtension.builder()
 *       .storage(InMemoryStorageDriver::new)                // the default; or a filesystem driver
 *       .server(server -> server.relativeUrls(true))        // any other server setting
 *       .build();
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
 * server for the whole class (started before the first test, closed after the last); in an
 * instance field, one per test. Registered through {@link RegistryTest} (or
 * {@code @ExtendWith(RegistryExtension.class)}), each test that declares a
 * {@link RegistryServer} or {@link Registry} parameter gets a fresh in-memory server. Servers
 * live in the JUnit {@link ExtensionContext.Store} of their scope, which closes them (JUnit 5.13
 * or newer); the extension also closes the {@link Registry} it made, and with it the storage.
 *
 * @see RegistryTest
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RegistryExtension.class);

  private final Builder settings;
  /** Whether made by {@link #builder()}: then {@link #server()} and its kin work. */
  private final boolean registered;
  private volatile ServerHandle current;

  /**
   * The extension as {@link RegistryTest} uses it: a fresh in-memory server for each test that
   * asks for one. Prefer {@link #builder()} for a registered field.
   */
  public RegistryExtension() {
    this(new Builder(), false);
  }

  private RegistryExtension(Builder settings, boolean registered) {
    this.settings = settings;
    this.registered = registered;
  }

  /** A builder; by default the server runs over a new {@link InMemoryStorageDriver}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The server of the current class (static field) or test (instance field).
   *
   * @throws IllegalStateException before the server starts (in a field initializer) or when
   *     this extension came from {@link RegistryTest}, which hands servers out as parameters
   */
  public RegistryServer server() {
    ServerHandle h = current;
    if (!registered || h == null) {
      throw new IllegalStateException(registered
          ? "the registry server is not started yet: use it from a test or a @BeforeEach/@BeforeAll method"
          : "a @RegistryTest server is a parameter: declare a RegistryServer parameter");
    }
    return h.server();
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
    // Called only for class-level registration: a static field shares one server per class.
    if (registered) {
      current = start(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // An instance field: beforeAll never ran, so each test starts its own server.
    if (registered && handleFor(context) == null) {
      current = start(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ServerHandle h = handleFor(context);
    if (h != null) {
      h.throwIfFailed(context.getDisplayName());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ServerHandle h = context.getStore(NAMESPACE).get(key(context), ServerHandle.class);
    if (h != null) {
      // Failures outside any test: in @BeforeAll or @AfterAll methods.
      h.throwIfFailed(context.getDisplayName());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RegistryServer.class || type == Registry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ServerHandle h = handleFor(context);
    if (h == null) {
      h = start(context);
    }
    return parameter.getParameter().getType() == Registry.class ? h.server().registry() : h.server();
  }

  /**
   * The server a test uses: a registered extension's class-wide one (also for tests of
   * {@code @Nested} classes), else the test's own. Servers of {@link RegistryTest} are never
   * shared.
   */
  private ServerHandle handleFor(ExtensionContext context) {
    if (!registered) {
      return ownHandle(context);
    }
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      ServerHandle h = ownHandle(c);
      if (h != null) {
        return h;
      }
    }
    return null;
  }

  private ServerHandle ownHandle(ExtensionContext context) {
    // Keys are per context and extension, as the store also answers with its parents' values.
    return context.getStore(NAMESPACE).get(key(context), ServerHandle.class);
  }

  private ServerHandle start(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(key(context),
        k -> ServerHandle.start(settings.storage.get(), settings.customizer, settings.failOnServerErrors),
        ServerHandle.class);
  }

  private Key key(ExtensionContext context) {
    return new Key(context.getUniqueId(), this);
  }

  /** A store key: one server per context and extension instance (compared by identity). */
  private record Key(String context, RegistryExtension extension) {}

  /** Settings of a {@link RegistryExtension}. */
  public static final class Builder {
    private Supplier<StorageDriver> storage = InMemoryStorageDriver::new;
    private Consumer<RegistryServer.Builder> customizer = b -> { };
    private boolean failOnServerErrors = true;

    private Builder() {}

    /**
     * Where each server stores data: called once per server, so a per-test extension gets a
     * fresh driver each time (default: a new {@link InMemoryStorageDriver}). The extension
     * closes the driver with the server.
     */
    public Builder storage(Supplier<? extends StorageDriver> storage) {
      Objects.requireNonNull(storage, "storage");
      this.storage = storage::get;
      return this;
    }

    /** Any other server setting (TLS, relative URLs, ...), applied to each server's builder. */
    public Builder server(Consumer<RegistryServer.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Whether a test fails when the server failed during it (default true). Turn off in tests
     * that break the server on purpose, such as with storage that fails.
     */
    public Builder failOnServerErrors(boolean fail) {
      this.failOnServerErrors = fail;
      return this;
    }

    /** The extension, to register with {@code @RegisterExtension}. */
    public RegistryExtension build() {
      Builder copy = new Builder();
      copy.storage = storage;
      copy.customizer = customizer;
      copy.failOnServerErrors = failOnServerErrors;
      return new RegistryExtension(copy, true);
    }
  }
}
