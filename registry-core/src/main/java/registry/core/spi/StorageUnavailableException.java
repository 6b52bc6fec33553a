package registry.core.spi;

import java.io.IOException;

/**
 * Storage cannot serve right now but may shortly: throttled, failing with server errors after the
 * client's own retries, or unreachable. The registry answers {@code 503 UNAVAILABLE}, which tells
 * clients to retry, instead of {@code 500}.
 */
public class StorageUnavailableException extends IOException {

  private static final long serialVersionUID = 1L;

  /** With a message for the operator and the cause. */
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
