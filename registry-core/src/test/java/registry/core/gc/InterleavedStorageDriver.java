package registry.core.gc;

import registry.core.spi.StorageDriver;
import registry.core.testing.HookedStorageDriver;

/** A driver that stops at its {@link Interleaver}'s gate before every operation it forwards. */
final class InterleavedStorageDriver extends HookedStorageDriver {

  private final Interleaver interleaver;

  InterleavedStorageDriver(StorageDriver delegate, Interleaver interleaver) {
    super(delegate);
    this.interleaver = interleaver;
  }

  @Override
  protected void before(String operation, String path) {
    interleaver.gate();
  }
}
