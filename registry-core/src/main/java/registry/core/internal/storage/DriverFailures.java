package registry.core.internal.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Turns what a driver threw unexpectedly into the SPI's failure shape: a missing path stays a
 * {@link NoSuchFileException}, anything else becomes an {@link IOException} naming the driver,
 * so the registry handles one kind of failure whatever the driver.
 */
final class DriverFailures {

  private DriverFailures() {}

  /**
   * The exception to throw for an unexpected {@code RuntimeException} from {@code driver}
   * during {@code operation}.
   */
  static IOException translate(String driver, String operation, RuntimeException e) {
    if (e instanceof UncheckedIOException && e.getCause() instanceof NoSuchFileException) {
      // A driver that tunnels a missing path through a lambda still means "missing".
      return (NoSuchFileException) e.getCause();
    }
    return new IOException(driver + ": " + operation + " failed: " + e, e);
  }
}
