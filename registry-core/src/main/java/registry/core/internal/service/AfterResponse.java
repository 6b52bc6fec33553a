package registry.core.internal.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a repository view leaves housekeeping its caller need not wait for, such as removing
 * the directory of an upload that is finished and already unknown to clients. The HTTP
 * handler gives each request a {@link #collecting()} one and runs its {@link #tasks()} after
 * sending the response; the Java API uses {@link #NOW}, which runs each task at once.
 *
 * <p>Removing a directory costs more than the rest of a small blob push on some file systems
 * (ext4 takes 0.1-0.2 ms for an {@code rmdir}), so this is the difference a client sees.
 */
public final class AfterResponse {

  /** Runs each task at once: without a response to send, nothing is gained by waiting. */
  public static final AfterResponse NOW = new AfterResponse(null);

  private final List<Runnable> tasks;

  private AfterResponse(List<Runnable> tasks) {
    this.tasks = tasks;
  }

  /** Keeps tasks until {@link #tasks()} are taken, for one request. */
  public static AfterResponse collecting() {
    return new AfterResponse(new ArrayList<>(1));
  }

  /** Runs {@code task} later, or now for {@link #NOW}. The task must not throw: nobody is left to tell. */
  void run(Runnable task) {
    if (tasks == null) {
      task.run();
      return;
    }
    synchronized (tasks) {
      tasks.add(task);
    }
  }

  /** What was left to do, in the order it was left. */
  public List<Runnable> tasks() {
    if (tasks == null) {
      return List.of();
    }
    synchronized (tasks) {
      return List.copyOf(tasks);
    }
  }
}
