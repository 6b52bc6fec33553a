package registry.http.jdk.internal.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageDrivers;
import registry.http.jdk.internal.config.Config;
import registry.http.jdk.internal.config.ConfigException;
import registry.http.jdk.internal.config.ConfigReader;

/** What both commands do first: read the configuration and open the storage it names. */
final class Setup {

  /** The option of both commands that turns the refusal of unknown configuration keys into warnings. */
  static final String LENIENT = "--lenient";

  private Setup() {}

  /**
   * Reads the configuration and prints its warnings to {@code err}.
   *
   * @param lenient {@code --lenient}: unknown keys are warnings, not refusals
   */
  static Config config(Optional<Path> file, Map<String, String> env, boolean lenient, PrintStream err)
      throws UsageException {
    try {
      ConfigReader.Result result = ConfigReader.read(file, env, lenient);
      String source = file.map(Path::toString).orElse("configuration");
      for (String warning : result.warnings()) {
        err.println("warning: " + source + ": " + warning);
      }
      return result.config();
    } catch (ConfigException e) {
      throw new UsageException("configuration refused: " + e.getMessage());
    }
  }

  /**
   * Opens the configured driver, found by name through {@link java.util.ServiceLoader}: the CLI
   * has no compile-time dependency on any driver.
   *
   * @throws UsageException when no driver has the name or the driver refuses a parameter
   */
  static StorageDriver storage(Config.Storage storage) throws UsageException, IOException {
    try {
      return StorageDrivers.create(storage.driver(), storage.parameters());
    } catch (IllegalArgumentException e) {
      throw new UsageException("configuration refused: storage." + storage.driver() + ": " + e.getMessage());
    } catch (ServiceConfigurationError e) {
      // A broken driver jar on the path: an installation fault, not the configuration's.
      throw new IOException("cannot load the storage drivers: " + e.getMessage(), e);
    }
  }
}
