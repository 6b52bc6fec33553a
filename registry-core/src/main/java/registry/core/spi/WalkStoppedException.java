package registry.core.spi;

import java.io.IOException;

/** Ends a {@link StorageDriver#walk} early when a visitor answers {@link WalkVisitor.Decision#STOP}. */
final class WalkStoppedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A stop signal. */
  WalkStoppedException() {
    super("walk stopped by its visitor", null);
  }
}
