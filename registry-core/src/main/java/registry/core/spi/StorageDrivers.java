package registry.core.spi;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds storage drivers by name through {@link ServiceLoader}. */
public final class StorageDrivers {

  private StorageDrivers() {}

  /**
   * Creates the driver named {@code name} with its parameters.
   *
   * @throws IllegalArgumentException when no driver has that name, or a parameter is invalid
   */
  public static StorageDriver create(String name, Map<String, Object> parameters) throws IOException {
    TreeSet<String> known = new TreeSet<>();
    for (StorageDriverFactory f : ServiceLoader.load(StorageDriverFactory.class,
        StorageDrivers.class.getClassLoader())) {
      if (f.name().equals(name)) {
        return f.create(parameters == null ? Map.of() : parameters);
      }
      known.add(f.name());
    }
    for (StorageDriverFactory f : ServiceLoader.load(StorageDriverFactory.class)) {
      if (f.name().equals(name)) {
        return f.create(parameters == null ? Map.of() : parameters);
      }
      known.add(f.name());
    }
    throw new IllegalArgumentException("no storage driver named '" + name + "'; available: " + known);
  }
}
