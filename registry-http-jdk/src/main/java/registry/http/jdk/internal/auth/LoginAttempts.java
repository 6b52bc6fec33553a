package registry.http.jdk.internal.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import registry.core.auth.AccessDecision;

/**
 * The one way a password is checked, for Basic authentication and the token endpoint alike:
 * refuse a client over its failure limit before any bcrypt work, check the password, count a
 * failure. Thread-safe.
 */
public final class LoginAttempts {

  /** Checks a password; the htpasswd users. */
  @FunctionalInterface
  public interface Passwords {
    /** Whether {@code password} is {@code user}'s. */
    boolean verify(String user, String password);
  }

  /**
   * What became of an attempt.
   *
   * @param accepted whether the password was right
   * @param limited present when the client must wait instead, with how long
   */
  public record Outcome(boolean accepted, Optional<AccessDecision.RateLimited> limited) {
    private static final Outcome ACCEPTED = new Outcome(true, Optional.empty());
    private static final Outcome REJECTED = new Outcome(false, Optional.empty());

    private static Outcome limited(Duration wait) {
      return new Outcome(false, Optional.of((AccessDecision.RateLimited) AccessDecision.rateLimited(wait)));
    }
  }

  private final Passwords passwords;
  private final FailureLimiter limiter;

  /** Checks against {@code passwords}, refusing clients past {@code limit}. */
  public LoginAttempts(Passwords passwords, LoginLimit limit) {
    this.passwords = passwords;
    this.limiter = new FailureLimiter(limit.failures(), limit.period());
  }

  /** One login by {@code user} from {@code client} (empty when unknown: never limited). */
  public Outcome attempt(String user, String password, Optional<InetAddress> client) {
    Optional<Duration> wait = limiter.blocked(client);
    if (wait.isPresent()) {
      return Outcome.limited(wait.get());
    }
    if (!passwords.verify(user, password)) {
      limiter.failed(client);
      return Outcome.REJECTED;
    }
    return Outcome.ACCEPTED;
  }
}
