package registry.core;

/**
 * The one exception the registry throws for anything a client did or asked that cannot be
 * done. It carries an {@link ErrorCode}, which decides the HTTP status and JSON error code, and
 * a message that is safe to show to the client. Storage failures are {@link java.io.IOException}s
 * and become {@link ErrorCode#UNKNOWN} or {@link ErrorCode#UNAVAILABLE} at the edge.
 */
public final class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Object detail;

  /** An error with the code's default message. */
  public RegistryException(ErrorCode code) {
    this(code, code.defaultMessage(), null, null);
  }

  /** An error with a message for the client. */
  public RegistryException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  /** An error with a message and a cause that stays on the server. */
  public RegistryException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  private RegistryException(ErrorCode code, String message, Object detail, Throwable cause) {
    super(message, cause);
    if (code == null) {
      throw new IllegalArgumentException("code is required");
    }
    this.code = code;
    this.detail = detail;
  }

  /** A copy with a {@code detail} value for the JSON error body (a string, map or list). */
  public RegistryException withDetail(Object detail) {
    RegistryException e = new RegistryException(code, getMessage(), detail, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The error code. */
  public ErrorCode code() {
    return code;
  }

  /** The JSON {@code detail} value, or null. */
  public Object detail() {
    return detail;
  }
}
