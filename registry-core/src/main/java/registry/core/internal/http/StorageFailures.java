package registry.core.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Optional;
import registry.core.spi.StorageUnavailableException;

/**
 * Which storage failures are the operator's to fix rather than the registry's bugs. Clients get
 * {@code 503 UNAVAILABLE} for these, which tells them to come back later, instead of a {@code 500}
 * that reads as a broken registry.
 */
final class StorageFailures {

  /** The reason Linux gives (EROFS); the JDK has no exception type of its own for it. */
  private static final String READ_ONLY = "Read-only file system";

  private StorageFailures() {}

  /**
   * Why the storage refuses the operation, for the client: a read-only mount or missing
   * permissions. Both pass once the operator remounts or fixes the owner; neither is a bug.
   *
   * @param write whether the request writes, so that the message says which way it is refused
   */
  static Optional<String> refusal(Throwable e, boolean write) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException && READ_ONLY.equals(((FileSystemException) t).getReason())
          || t instanceof IOException && t.getMessage() != null && t.getMessage().endsWith(READ_ONLY)) {
        return Optional.of("the storage refuses writes (read-only file system)");
      }
      if (t instanceof AccessDeniedException) {
        return Optional.of("the storage refuses " + (write ? "writes" : "reads") + " (permission denied)");
      }
    }
    return Optional.empty();
  }

  /** Failures that say storage cannot be reached right now, as opposed to a broken registry. */
  static boolean unavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StorageUnavailableException
          || t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException || t instanceof InterruptedIOException) {
        return true;
      }
      // A full disk is an operator's problem that passes once space is freed, not a registry bug.
      String m = t.getMessage();
      if (t instanceof IOException && m != null && m.contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }
}
