package registry.core.internal.service;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import registry.core.Digest;

/**
 * What pushes reference while a garbage collection runs in this JVM. Writes that make a blob
 * reachable (a layer link, a manifest put) hold the read lock from their existence check to
 * their link write and record the digests they made reachable; the collector holds the write
 * lock while it deletes and spares everything recorded. So no push in this JVM can lose a blob
 * between checking it and linking it. Pushes through other instances rely on the grace period.
 */
public final class GcJournal {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private Set<Digest> recorded;

  /** Taken by writes that link or reference existing blobs. */
  public java.util.concurrent.locks.Lock writeSide() {
    return lock.readLock();
  }

  /** Taken by the collector while it deletes. */
  public java.util.concurrent.locks.Lock sweepSide() {
    return lock.writeLock();
  }

  /** Starts recording (the collector calls this before it marks). */
  public synchronized void start() {
    recorded = new HashSet<>();
  }

  /** Stops recording and returns what was recorded since {@link #start()}. */
  public synchronized Set<Digest> stop() {
    Set<Digest> r = recorded == null ? Set.of() : recorded;
    recorded = null;
    return r;
  }

  /** What was recorded so far, while recording. */
  public synchronized Set<Digest> snapshot() {
    return recorded == null ? Set.of() : Set.copyOf(recorded);
  }

  /** Records digests made reachable, when a collection is running. */
  public synchronized void record(Digest digest) {
    if (recorded != null) {
      recorded.add(digest);
    }
  }
}
