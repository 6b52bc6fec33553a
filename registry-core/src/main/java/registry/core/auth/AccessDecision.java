package registry.core.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * What an {@link Authorizer} decides about a request: let it through, ask for credentials
 * (401), refuse it (403), or slow the client down (429). The protocol handler turns a refusal
 * into the spec's error response before any route runs.
 *
 * <pre>{@code
 * return credentialsOk
 *     ? AccessDecision.allow(Caller.of(user, scope -> true))
 *     : AccessDecision.challenge("Basic realm=\"registry\"", "authentication required");
 * }</pre>
 */
public sealed interface AccessDecision {

  /** Let the request through; the caller is asked about further scopes (mount source, catalog). */
  static AccessDecision allow(Caller caller) {
    return new Allowed(caller);
  }

  /**
   * {@code 401 UNAUTHORIZED} with a {@code WWW-Authenticate} header, such as
   * {@code Basic realm="registry"} or {@code Bearer realm="...",service="...",scope="..."}:
   * the client should (re)authenticate and retry.
   */
  static AccessDecision challenge(String wwwAuthenticate, String message) {
    return new Challenged(wwwAuthenticate, message);
  }

  /** {@code 403 DENIED}: the caller is known and may not do this; retrying will not help. */
  static AccessDecision deny(String message) {
    return new Denied(message);
  }

  /** {@code 429 TOOMANYREQUESTS} with {@code Retry-After}: too many failed attempts from this client. */
  static AccessDecision rateLimited(Duration retryAfter) {
    return new RateLimited(retryAfter, "too many failed authentication attempts; retry later");
  }

  /**
   * The request may proceed.
   *
   * @param caller who is asking
   */
  record Allowed(Caller caller) implements AccessDecision {
    /** Requires a caller. */
    public Allowed {
      Objects.requireNonNull(caller, "caller");
    }
  }

  /**
   * Authentication is required or failed.
   *
   * @param wwwAuthenticate the {@code WWW-Authenticate} header value
   * @param message the error message for the client (never a secret)
   */
  record Challenged(String wwwAuthenticate, String message) implements AccessDecision {
    /** Requires a header value. */
    public Challenged {
      if (wwwAuthenticate == null || wwwAuthenticate.isBlank()) {
        throw new IllegalArgumentException("a challenge needs a WWW-Authenticate value");
      }
    }
  }

  /**
   * The caller may not do this.
   *
   * @param message the error message for the client
   */
  record Denied(String message) implements AccessDecision {}

  /**
   * The client failed too often and must wait.
   *
   * @param retryAfter how long to wait (sent in whole seconds, at least 1)
   * @param message the error message for the client
   */
  record RateLimited(Duration retryAfter, String message) implements AccessDecision {
    /** Requires a non-negative wait. */
    public RateLimited {
      if (retryAfter == null || retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must be zero or positive");
      }
    }

    /**
     * The wait as the {@code Retry-After} header sends it: whole seconds, rounded up and at
     * least 1, because a client told 0 would come straight back.
     */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }
}
