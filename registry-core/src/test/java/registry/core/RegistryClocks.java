package registry.core;

import java.time.Clock;

/**
 * Reaches {@link Registry.Builder}'s package-private clock for tests in other packages; it is
 * not public because a registry clock that disagrees with its storage's would collect early.
 */
public final class RegistryClocks {

  private RegistryClocks() {}

  /** {@code builder}, with uploads stamped and collections dated by {@code clock}. */
  public static Registry.Builder withClock(Registry.Builder builder, Clock clock) {
    return builder.clock(clock);
  }
}
