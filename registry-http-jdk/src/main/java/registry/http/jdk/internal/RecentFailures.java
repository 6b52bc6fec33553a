package registry.http.jdk.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The server's latest failures, kept so that a test fixture can fail the test they happened
 * in. Bounded, because a long-running server that fails often must not grow without end.
 */
public final class RecentFailures implements Consumer<Throwable> {

  private static final int KEPT = 100;

  private final ArrayDeque<Throwable> failures = new ArrayDeque<>();

  @Override
  public synchronized void accept(Throwable failure) {
    if (failures.size() == KEPT) {
      failures.removeFirst();
    }
    failures.addLast(failure);
  }

  /** The failures kept since the last call, oldest first; forgets them. */
  public synchronized List<Throwable> take() {
    List<Throwable> taken = new ArrayList<>(failures);
    failures.clear();
    return taken;
  }
}
