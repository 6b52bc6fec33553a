package registry.core.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Makes a {@link StorageDriver} from configuration. Factories are found with
 * {@link java.util.ServiceLoader} ({@code provides registry.core.spi.StorageDriverFactory with ...})
 * and chosen by {@link #name()}, the key of distribution's {@code storage} section:
 * {@code filesystem}, {@code s3}, {@code inmemory}.
 */
public interface StorageDriverFactory {

  /** The configuration name of the driver. */
  String name();

  /**
   * Creates a driver from the parameters of its {@code storage.<name>} section. Values are
   * strings, numbers or booleans as YAML gives them.
   *
   * @throws IllegalArgumentException when a parameter is invalid
   */
  StorageDriver create(Map<String, Object> parameters) throws IOException;
}
