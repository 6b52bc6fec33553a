package registry.http.jdk.internal.cli;

/** A command line or configuration the CLI refuses before doing anything: exit code 2. */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
