package registry.http.jdk.internal;

import java.time.Duration;

/**
 * Counts exchanges in progress so that closing the server can wait for them. The JDK 17
 * server's own {@code stop(delay)} always waits the whole delay, even when idle.
 */
public final class InFlight {

  private int count;
  private boolean closing;

  /** Registers an exchange; false once closing has begun (the exchange is then refused). */
  synchronized boolean enter() {
    if (closing) {
      return false;
    }
    count++;
    return true;
  }

  synchronized void exit() {
    if (--count == 0) {
      notifyAll();
    }
  }

  /**
   * Refuses new exchanges and waits until those in progress end or the timeout passes.
   *
   * @return whether all ended in time
   */
  public synchronized boolean drain(Duration timeout) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
