package registry.http.jdk.internal.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per client address: a token bucket of {@code burst} failures, refilled
 * at {@code burst} per {@code period}. A client with an empty bucket is refused before its
 * password is checked (no bcrypt work for a guesser), until a token has grown back. Successful
 * logins cost nothing.
 */
public final class FailureLimiter {

  /** Addresses remembered at most; past this, full buckets (forgiven clients) are forgotten. */
  private static final int MAX_CLIENTS = 10_000;

  private final int burst;
  private final double nanosPerToken;
  private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

  /** A bucket: tokens left as of a time. Immutable, swapped atomically through the map. */
  private record Bucket(double tokens, long at) {}

  /**
   * @param burst failures allowed in a row
   * @param period the time in which {@code burst} failures are forgiven
   */
  public FailureLimiter(int burst, Duration period) {
    this.burst = burst;
    this.nanosPerToken = (double) period.toNanos() / burst;
  }

  /** How long the client must wait before its next attempt, or empty when it may try now. */
  public Optional<Duration> blocked(Optional<InetAddress> client) {
    if (client.isEmpty()) {
      return Optional.empty();
    }
    Bucket b = buckets.get(client.get());
    if (b == null) {
      return Optional.empty();
    }
    double tokens = refilled(b, System.nanoTime());
    if (tokens >= 1) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken)));
  }

  /** Counts a failed attempt by the client. */
  public void failed(Optional<InetAddress> client) {
    if (client.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    buckets.compute(client.get(), (k, b) -> new Bucket((b == null ? burst : refilled(b, now)) - 1, now));
    if (buckets.size() > MAX_CLIENTS) {
      buckets.values().removeIf(b -> refilled(b, now) >= burst);
    }
  }

  private double refilled(Bucket b, long now) {
    return Math.min(burst, b.tokens() + (now - b.at()) / nanosPerToken);
  }
}
