package registry.http.jdk.internal.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits failed logins per key (a user at an address, or an address): a token bucket of
 * {@code burst} failures, refilled at {@code burst} per {@code period}. A key with an empty
 * bucket is refused before its password is checked (no bcrypt work for a guesser), until a
 * token has grown back. Successful logins cost nothing.
 *
 * @param <K> what failures are counted against
 */
public final class FailureLimiter<K> {

  /** Keys remembered at most; past this, full buckets (forgiven clients) are forgotten. */
  private static final int MAX_CLIENTS = 10_000;

  private final int burst;
  private final double nanosPerToken;
  private final LongSupplier nanoTime;
  private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();

  /** A bucket: tokens left as of a time. Immutable, swapped atomically through the map. */
  private record Bucket(double tokens, long at) {}

  /**
   * @param burst failures allowed in a row
   * @param period the time in which {@code burst} failures are forgiven
   * @param nanoTime the clock, as {@link System#nanoTime()}
   */
  public FailureLimiter(int burst, Duration period, LongSupplier nanoTime) {
    this.burst = burst;
    this.nanosPerToken = (double) period.toNanos() / burst;
    this.nanoTime = nanoTime;
  }

  /** How long {@code key} must wait before its next attempt, or empty when it may try now. */
  public Optional<Duration> blocked(K key) {
    Bucket b = buckets.get(key);
    if (b == null) {
      return Optional.empty();
    }
    double tokens = refilled(b, nanoTime.getAsLong());
    if (tokens >= 1) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken)));
  }

  /** Counts a failed attempt by {@code key}. */
  public void failed(K key) {
    long now = nanoTime.getAsLong();
    // Never below empty: failures counted while blocked (known users past an address's limit)
    // must not push the wait beyond one token's time.
    buckets.compute(key, (k, b) -> new Bucket(Math.max(0, (b == null ? burst : refilled(b, now)) - 1), now));
    if (buckets.size() > MAX_CLIENTS) {
      buckets.values().removeIf(b -> refilled(b, now) >= burst);
    }
  }

  private double refilled(Bucket b, long now) {
    return Math.min(burst, b.tokens() + (now - b.at()) / nanosPerToken);
  }
}
