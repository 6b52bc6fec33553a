package registry.core.spi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Finds storage drivers by name through {@link ServiceLoader}. */
public final class StorageDrivers {

  private static final System.Logger LOG = System.getLogger(StorageDrivers.class.getName());

  private StorageDrivers() {}

  /**
   * Creates the driver named {@code name} with its parameters. A provider that cannot be loaded
   * (a broken or half-installed driver jar) is skipped and named in the error if no other
   * provider has the name, so one bad driver never hides the good ones.
   *
   * @throws IllegalArgumentException when no driver has that name, or a parameter is invalid
   */
  public static StorageDriver create(String name, Map<String, Object> parameters) throws IOException {
    return find(name).create(parameters == null ? Map.of() : parameters);
  }

  /**
   * The parameter names the driver called {@code name} declares ({@link
   * StorageDriverFactory#parameterNames()}); empty when it declares none or no driver has the name.
   */
  public static Optional<Set<String>> parameterNames(String name) {
    try {
      return find(name).parameterNames();
    } catch (IllegalArgumentException unknownDriver) {
      return Optional.empty();
    }
  }

  private static StorageDriverFactory find(String name) {
    TreeSet<String> known = new TreeSet<>();
    List<String> broken = new ArrayList<>();
    for (ServiceLoader<StorageDriverFactory> loader : List.of(
        ServiceLoader.load(StorageDriverFactory.class, StorageDrivers.class.getClassLoader()),
        ServiceLoader.load(StorageDriverFactory.class))) {
      Iterator<StorageDriverFactory> it = loader.iterator();
      while (true) {
        StorageDriverFactory f;
        try {
          if (!it.hasNext()) {
            break;
          }
          f = it.next();
        } catch (ServiceConfigurationError e) {
          broken.add(e.getMessage());
          LOG.log(System.Logger.Level.WARNING, "skipping a storage driver that cannot be loaded: " + e.getMessage());
          continue;
        }
        if (f.name().equals(name)) {
          return f;
        }
        known.add(f.name());
      }
    }
    throw new IllegalArgumentException("no storage driver named '" + name + "'; available: " + known
        + (broken.isEmpty() ? "" : "; could not load: " + broken));
  }
}
