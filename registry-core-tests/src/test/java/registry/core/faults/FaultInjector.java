package registry.core.faults;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import registry.core.spi.StorageWriter;
import registry.testkit.HookedStorageDriver;

/**
 * Hooks that fail the N-th storage operation of a {@linkplain HookedStorageDriver hooked driver}
 * (counting writes, commits and reads of streams too) with an {@link IOException}, as a disk or
 * bucket that breaks at that moment. No real storage fails on demand, so this is the one
 * stand-in of the fault tests.
 */
final class FaultInjector implements HookedStorageDriver.Hooks {

  private final AtomicLong calls = new AtomicLong();
  private volatile long failAt = -1;
  private volatile boolean shortWrites;
  private volatile String injected;

  /** Fails the {@code n}-th operation from now (1-based); -1 never fails. */
  void failAt(long n) {
    calls.set(0);
    failAt = n;
  }

  /** When failing a write, first write half of it, as a disk that fills up does. */
  void shortWrites(boolean shortWrites) {
    this.shortWrites = shortWrites;
  }

  /** Operations since the last {@link #failAt}. */
  long calls() {
    return calls.get();
  }

  private boolean failsNow() {
    return calls.incrementAndGet() == failAt;
  }

  @Override
  public void before(String operation, String path) throws IOException {
    if (failsNow()) {
      injected = operation + " " + path;
      throw new IOException("injected fault in " + injected);
    }
  }

  @Override
  public void write(StorageWriter target, String path, byte[] b, int off, int len) throws IOException {
    if (failsNow()) {
      injected = "write " + path;
      if (shortWrites && len > 1) {
        target.write(b, off, len / 2);
      }
      throw new IOException("injected fault in write " + path);
    }
    target.write(b, off, len);
  }

  /** The operation the last injected fault failed, such as {@code delete /a/b}. */
  String injected() {
    return injected;
  }
}
