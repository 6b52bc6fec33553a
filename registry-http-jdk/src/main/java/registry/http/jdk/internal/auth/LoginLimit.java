package registry.http.jdk.internal.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failed logins are let through before {@code 429}, and how fast they are forgiven:
 * the {@code failureLimit} setting of the builders that check passwords.
 *
 * @param failures failed logins allowed in a row
 * @param period the time in which that many failures are forgiven
 */
public record LoginLimit(int failures, Duration period) {

  /** Ten failures, forgiven at ten a minute. */
  public static final LoginLimit DEFAULT = new LoginLimit(10, Duration.ofMinutes(1));

  /**
   * Refuses a limit that could never let anyone in.
   *
   * @throws IllegalArgumentException when {@code failures} is below 1 or {@code period} not positive
   */
  public LoginLimit {
    Objects.requireNonNull(period, "failureLimit period");
    if (failures < 1 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("failures must be at least 1 and period positive");
    }
  }
}
