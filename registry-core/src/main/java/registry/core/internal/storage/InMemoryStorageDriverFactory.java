package registry.core.internal.storage;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageDriverFactory;
import registry.core.storage.InMemoryStorageDriver;

/** Makes {@link InMemoryStorageDriver}s for the {@code inmemory} storage name. */
public final class InMemoryStorageDriverFactory implements StorageDriverFactory {

  /** For {@link java.util.ServiceLoader}. */
  public InMemoryStorageDriverFactory() {}

  /** Returns {@code inmemory}. */
  @Override
  public String name() {
    return InMemoryStorageDriver.NAME;
  }

  /** None: as distribution's, this driver takes no parameters. */
  @Override
  public Optional<Set<String>> parameterNames() {
    return Optional.of(Set.of());
  }

  /** Returns a new, empty driver; the in-memory driver has no parameters. */
  @Override
  public StorageDriver create(Map<String, Object> parameters) {
    return new InMemoryStorageDriver();
  }
}
