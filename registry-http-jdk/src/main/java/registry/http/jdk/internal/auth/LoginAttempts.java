package registry.http.jdk.internal.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import registry.core.auth.AccessDecision;

/**
 * The one way a password is checked, for Basic authentication and the token endpoint alike.
 * Failures count against the user at the client's address (the limit), and against the
 * address alone at {@value #ADDRESS_FACTOR} times the limit, against one client trying many
 * user names. Everyone behind one NAT or proxy shares an address, so one user's failures never
 * refuse another user's correct password:
 *
 * <ul>
 *   <li>a user past their own limit at that address is refused before any bcrypt work;
 *   <li>while the address is past its limit, names the htpasswd file does not hold are refused
 *       at once, without bcrypt, so spraying made-up names costs the server nothing; names it
 *       holds are still checked, within their own limit, and a correct password is accepted.
 *       A wrong one is refused the same way as a made-up name, so the answer tells no names.
 * </ul>
 *
 * <p>So the bcrypt work one address can cause is bounded by the limits and by the number of
 * users in the file, never by the attacker's list of names. The price: while an address is
 * past its limit, the time of a refusal (one bcrypt check or none) shows it whether a name
 * exists. Thread-safe.
 */
public final class LoginAttempts {

  /** How many times more failures an address may make than one user at that address. */
  static final int ADDRESS_FACTOR = 10;

  /** The htpasswd users, as logins need them. */
  public interface Passwords {
    /** Whether {@code password} is {@code user}'s. */
    boolean verify(String user, String password);

    /** Whether the file has an entry for {@code user}. */
    boolean exists(String user);

    /** The users of {@code table} as it is at each call, successful checks remembered for {@code ttlNanos}. */
    static Passwords of(Supplier<HtpasswdTable> table, long ttlNanos) {
      return new Passwords() {
        @Override
        public boolean verify(String user, String password) {
          return table.get().verify(user, password, ttlNanos);
        }

        @Override
        public boolean exists(String user) {
          return table.get().users().contains(user);
        }
      };
    }
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

  /** The key of one user's failures: the same name from elsewhere is another client. */
  private record UserAt(String user, InetAddress address) {}

  private final Passwords passwords;
  private final FailureLimiter<UserAt> perUser;
  private final FailureLimiter<InetAddress> perAddress;

  /** Checks against {@code passwords}, refusing clients past {@code limit}. */
  public LoginAttempts(Passwords passwords, LoginLimit limit) {
    this(passwords, limit, System::nanoTime);
  }

  /** As {@link #LoginAttempts(Passwords, LoginLimit)}, with a clock as {@link System#nanoTime()}. */
  public LoginAttempts(Passwords passwords, LoginLimit limit, LongSupplier nanoTime) {
    this.passwords = passwords;
    this.perUser = new FailureLimiter<>(limit.failures(), limit.period(), nanoTime);
    int addressBurst = (int) Math.min(Integer.MAX_VALUE, (long) ADDRESS_FACTOR * limit.failures());
    this.perAddress = new FailureLimiter<>(addressBurst, limit.period(), nanoTime);
  }

  /** One login by {@code user} from {@code client} (empty when unknown: never limited). */
  public Outcome attempt(String user, String password, Optional<InetAddress> client) {
    if (client.isEmpty()) {
      return passwords.verify(user, password) ? Outcome.ACCEPTED : Outcome.REJECTED;
    }
    UserAt key = new UserAt(user, client.get());
    Optional<Duration> own = perUser.blocked(key);
    if (own.isPresent()) {
      return Outcome.limited(own.get());
    }
    Optional<Duration> shared = perAddress.blocked(client.get());
    if (shared.isPresent() && !passwords.exists(user)) {
      return Outcome.limited(shared.get());
    }
    if (passwords.verify(user, password)) {
      return Outcome.ACCEPTED;
    }
    perUser.failed(key);
    perAddress.failed(client.get());
    return shared.isPresent() ? Outcome.limited(shared.get()) : Outcome.REJECTED;
  }
}
