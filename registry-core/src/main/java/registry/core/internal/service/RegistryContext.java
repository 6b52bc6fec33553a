package registry.core.internal.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.RegistryEvent;
import registry.core.RegistryListener;
import registry.core.RepositoryName;
import registry.core.Tag;
import registry.core.internal.events.EventDispatcher;
import registry.core.RegistryException;
import registry.core.spi.StorageDriver;

/** What every service of one registry shares: storage, settings and caches. */
public final class RegistryContext {

  private final StorageDriver storage;
  private final boolean deleteEnabled;
  private final boolean readOnly;
  private final int maxManifestBytes;
  private final Links links;
  private final HashStates hashStates = new HashStates(1024);
  private final ManifestCache manifestCache = new ManifestCache(4096, 64L * 1024 * 1024);
  private final UploadLocks uploadLocks = new UploadLocks();
  private final SweepNotices sweepNotices;
  private final Clock clock;

  private final EventDispatcher events;

  /** A context over an already checked driver. */
  public RegistryContext(StorageDriver storage, boolean deleteEnabled, boolean readOnly, int maxManifestBytes,
      RegistryListener listener, Clock clock) {
    this.events = new EventDispatcher(listener, 10_000);
    this.storage = storage;
    this.clock = clock;
    // Notices are leases between instances: they keep to the wall clock whatever the registry's.
    this.sweepNotices = new SweepNotices(storage, Clock.systemUTC());
    this.deleteEnabled = deleteEnabled;
    this.readOnly = readOnly;
    this.maxManifestBytes = maxManifestBytes;
    this.links = new Links(storage);
  }

  /** Where services publish events. */
  public EventDispatcher events() {
    return events;
  }

  /** Publishes an event stamped now. */
  void publish(RegistryEvent.Action action, RepositoryName repo, Digest digest, String mediaType, long size,
      Optional<Tag> tag, Optional<RepositoryName> from) {
    events.publish(new RegistryEvent(action, repo, digest, mediaType, size, tag, from, Instant.now()));
  }

  /** The clock that stamps upload starts and dates collections and purges. */
  public Clock clock() {
    return clock;
  }

  public StorageDriver storage() {
    return storage;
  }

  public boolean deleteEnabled() {
    return deleteEnabled;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public int maxManifestBytes() {
    return maxManifestBytes;
  }

  public Links links() {
    return links;
  }

  HashStates hashStates() {
    return hashStates;
  }

  /** Parsed manifests by digest; the collector evicts what it deletes. */
  public ManifestCache manifestCache() {
    return manifestCache;
  }

  /** How writes and online collections on any instance over this storage stay out of each other's way. */
  public SweepNotices sweepNotices() {
    return sweepNotices;
  }

  UploadLocks uploadLocks() {
    return uploadLocks;
  }

  /** Refuses a write when the registry is read-only. */
  void checkWritable() {
    if (readOnly) {
      throw new RegistryException(ErrorCode.UNSUPPORTED, "the registry is in read-only mode");
    }
  }

  /** Refuses a delete when deletes are disabled or the registry is read-only. */
  void checkDeletable() {
    checkWritable();
    if (!deleteEnabled) {
      throw new RegistryException(ErrorCode.UNSUPPORTED, "deletes are disabled on this registry");
    }
  }
}
