package registry.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock, moved forward by a test instead of waited for. It keeps running with real
 * time, so times storage records stay close to it.
 */
public final class SteppedClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  /** Moves the clock forward by {@code step}. */
  public void advance(Duration step) {
    ahead = ahead.plus(step);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock keeps UTC");
  }
}
