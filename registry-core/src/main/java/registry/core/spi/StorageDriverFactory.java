package registry.core.spi;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The names of the parameters this driver knows: those it reads, and those of distribution's
   * driver of the same name that it accepts and does without. The stand-alone server refuses a
   * parameter outside the set, so that a misspelt name never passes silently. Empty (the
   * default): the driver does not say, and its parameters are not checked.
   */
  default Optional<Set<String>> parameterNames() {
    return Optional.empty();
  }
}
