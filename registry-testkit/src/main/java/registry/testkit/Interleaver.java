package registry.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a few threads one storage operation at a time, in an order drawn from a seed: each
 * participant stops at {@link #gate()} before every operation, and {@link #run} lets one of the
 * stopped threads on at a time. So a seed explores one interleaving of a collection with the
 * writes of clients, and most seeds explore different ones. A participant that waits on
 * something else (a lock, a sleep) is stepped around rather than waited for, so code under test
 * that blocks cannot deadlock the schedule.
 */
final class Interleaver {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Random random;
  private final Set<Thread> live = new HashSet<>();
  private final Set<Thread> waiting = new HashSet<>();
  private Thread granted;
  private long steps;

  Interleaver(long seed) {
    this.random = new Random(seed);
  }

  /** Called by the storage driver before each operation; a no-op for threads outside {@link #run}. */
  void gate() {
    Thread me = Thread.currentThread();
    lock.lock();
    try {
      if (!live.contains(me)) {
        return;
      }
      waiting.add(me);
      changed.signalAll();
      while (granted != me) {
        changed.awaitUninterruptibly();
      }
      granted = null;
      waiting.remove(me);
    } finally {
      lock.unlock();
    }
  }

  /** How many operations were granted so far. */
  long steps() {
    lock.lock();
    try {
      return steps;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs every task on its own thread, interleaved at the gates, and returns their failures
   * (empty when all returned normally).
   */
  List<Throwable> run(List<Task> tasks) throws InterruptedException {
    List<Throwable> failures = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      for (int i = 0; i < tasks.size(); i++) {
        Task task = tasks.get(i);
        Thread t = new Thread(() -> {
          try {
            task.run();
          } catch (Throwable e) {
            synchronized (failures) {
              failures.add(e);
            }
          } finally {
            finished();
          }
        }, "participant-" + i);
        t.setDaemon(true);
        live.add(t);
        threads.add(t);
      }
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::start);
    schedule();
    for (Thread t : threads) {
      t.join(TimeUnit.MINUTES.toMillis(1));
    }
    return failures;
  }

  private void finished() {
    lock.lock();
    try {
      live.remove(Thread.currentThread());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void schedule() throws InterruptedException {
    long stalledSince = System.nanoTime();
    lock.lock();
    try {
      while (!live.isEmpty()) {
        if (granted != null || waiting.isEmpty() || (waiting.size() < live.size() && !othersBlocked())) {
          changed.await(1, TimeUnit.MILLISECONDS);
          if (System.nanoTime() - stalledSince > TimeUnit.MINUTES.toNanos(1)) {
            throw new IllegalStateException("participants made no progress for a minute: " + live);
          }
          continue;
        }
        List<Thread> candidates = new ArrayList<>(waiting);
        candidates.sort(Comparator.comparing(Thread::getName));
        granted = candidates.get(random.nextInt(candidates.size()));
        steps++;
        stalledSince = System.nanoTime();
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether every live thread that is not at a gate waits on something else. */
  private boolean othersBlocked() {
    for (Thread t : live) {
      Thread.State state = t.getState();
      if (!waiting.contains(t) && (state == Thread.State.RUNNABLE || state == Thread.State.NEW)) {
        return false;
      }
    }
    return true;
  }

  /** A participant's work. */
  interface Task {
    void run() throws Exception;
  }
}
