package registry.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.core.internal.gc.MarkAndSweep;
import registry.core.internal.gc.UploadPurge;
import registry.core.internal.service.CatalogService;
import registry.core.internal.service.RegistryContext;
import registry.core.internal.service.StoredRepository;
import registry.core.internal.storage.CheckedStorageDriver;
import registry.core.spi.StorageDriver;

/**
 * A container registry over a storage driver, usable in-process without HTTP. The data it
 * writes uses distribution's ({@code registry:2}) storage layout, so either can serve the other's.
 *
 * <pre>{@code
 * Registry registry = Registry.builder()
 *     .storage(FilesystemStorageDriver.create(Path.of("data")))
 *     .deleteEnabled(true)
 *     .build();
 * Repository app = registry.repository("team/app");
 * BlobInfo layer = app.blobs().put(in, digest);
 * app.manifests().put(Reference.parse("1.0"), manifestBytes, MediaTypes.OCI_MANIFEST);
 * }</pre>
 *
 * <p>Thread-safe. Several instances (in one JVM or many) may share one storage.
 */
public final class Registry implements AutoCloseable {

  /** The largest manifest accepted by default: 4 MiB, as distribution. */
  public static final int DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private final RegistryContext context;
  private final CatalogService catalog;
  private final Builder settings;

  private Registry(Builder b) {
    this.settings = b.copy();
    this.context = new RegistryContext(CheckedStorageDriver.wrap(b.storage), b.deleteEnabled,
        b.readOnly, b.maxManifestBytes, b.listener, b.clock);
    this.catalog = new CatalogService(context);
  }

  /** A builder; {@link Builder#storage} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this registry's settings, to derive a variant over the same storage. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /**
   * The repository with this name. It need not exist yet: pushing creates it.
   *
   * @throws RegistryException {@link ErrorCode#NAME_INVALID} when the name is invalid
   */
  public Repository repository(String name) {
    try {
      return repository(RepositoryName.of(name));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorCode.NAME_INVALID, e.getMessage());
    }
  }

  /** The repository with this name. */
  public Repository repository(RepositoryName name) {
    return new StoredRepository(context, name);
  }

  /**
   * A page of repository names in lexical order: those with at least one manifest.
   *
   * @param n the most names to return (negative: all)
   * @param last return only names after this one
   */
  public Page<String> catalog(int n, Optional<String> last) throws IOException {
    return catalog.list(n, last);
  }

  /**
   * Collects garbage once, while the registry goes on serving: marks what manifests keep,
   * deletes blobs nothing keeps that are older than the grace period, purges old uploads.
   *
   * @see registry.core.gc.GarbageCollector for collections on a schedule
   */
  public GcReport collectGarbage(GcOptions options) throws IOException {
    if (readOnly() && !options.dryRun()) {
      throw new RegistryException(ErrorCode.UNSUPPORTED, "the registry is in read-only mode");
    }
    return new MarkAndSweep(context, options, context.clock()).run();
  }

  /**
   * Removes uploads started longer ago than {@code olderThan}, and what they left in storage,
   * as distribution's {@code uploadpurging} does; nothing else is touched.
   *
   * @return the uploads purged (or, with {@code dryRun}, that would be)
   */
  public List<GcReport.PurgedUpload> purgeUploads(Duration olderThan, boolean dryRun) throws IOException {
    if (readOnly() && !dryRun) {
      throw new RegistryException(ErrorCode.UNSUPPORTED, "the registry is in read-only mode");
    }
    return new UploadPurge(context).run(context.clock().instant().minus(olderThan), dryRun);
  }

  /** The storage this registry works on (wrapped with path checks). */
  public StorageDriver storage() {
    return context.storage();
  }

  /** Whether manifests and blobs may be deleted. */
  public boolean deleteEnabled() {
    return context.deleteEnabled();
  }

  /** Whether the registry refuses every write. */
  public boolean readOnly() {
    return context.readOnly();
  }

  /** The largest manifest accepted, in bytes. */
  public int maxManifestBytes() {
    return context.maxManifestBytes();
  }

  /** Events dropped because the listener fell behind. */
  public long droppedEvents() {
    return context.events().dropped();
  }

  /** Delivers the events still queued, then closes the storage driver. */
  @Override
  public void close() throws IOException {
    context.events().close();
    context.storage().close();
  }

  /** Settings of a {@link Registry}. */
  public static final class Builder {
    private StorageDriver storage;
    private boolean deleteEnabled;
    private boolean readOnly;
    private int maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
    private RegistryListener listener = RegistryListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The clock that stamps upload starts and that collections and purges measure ages by
     * (default: the system's, in UTC). For tests that age uploads or blobs without sleeping:
     * grace periods compare this clock with the modification times storage keeps, so a clock
     * ahead of the storage's lets a collection delete what is younger than its grace period.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Receives push, pull, mount and delete events, asynchronously (default: none). A registry
     * built from this builder starts one event thread when a listener is set.
     */
    public Builder listener(RegistryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The storage driver (required). */
    public Builder storage(StorageDriver storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** Whether deletes of manifests, tags and blobs are allowed (default false, as distribution). */
    public Builder deleteEnabled(boolean deleteEnabled) {
      this.deleteEnabled = deleteEnabled;
      return this;
    }

    /** Whether every write is refused (maintenance mode; default false). */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** The largest manifest accepted, in bytes (default 4 MiB). */
    public Builder maxManifestBytes(int maxManifestBytes) {
      if (maxManifestBytes <= 0) {
        throw new IllegalArgumentException("maxManifestBytes must be positive");
      }
      this.maxManifestBytes = maxManifestBytes;
      return this;
    }

    /** The registry. */
    public Registry build() {
      if (storage == null) {
        throw new IllegalStateException("a storage driver is required");
      }
      return new Registry(this);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.storage = storage;
      b.deleteEnabled = deleteEnabled;
      b.readOnly = readOnly;
      b.maxManifestBytes = maxManifestBytes;
      b.listener = listener;
      b.clock = clock;
      return b;
    }
  }
}
