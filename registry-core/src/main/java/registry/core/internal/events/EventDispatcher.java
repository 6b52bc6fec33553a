package registry.core.internal.events;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import registry.core.RegistryEvent;
import registry.core.RegistryListener;

/**
 * Hands events to a listener on a thread of its own through a bounded queue, so requests never
 * wait for a listener. A full queue drops the event and counts it.
 */
public final class EventDispatcher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
  private static final RegistryEvent STOP = null;

  private final RegistryListener listener;
  private final BlockingQueue<RegistryEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  /** A dispatcher for a listener; {@link RegistryListener#NONE} costs nothing. */
  public EventDispatcher(RegistryListener listener, int capacity) {
    this.listener = listener;
    if (listener == RegistryListener.NONE) {
      this.queue = null;
      this.thread = null;
      return;
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::deliver, "registry-events");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues an event; never blocks. */
  public void publish(RegistryEvent event) {
    if (queue == null || closed) {
      return;
    }
    if (!queue.offer(event)) {
      long n = dropped.incrementAndGet();
      if (Long.bitCount(n) == 1) { // 1, 2, 4, 8...: tell the operator without flooding the log
        LOG.log(System.Logger.Level.WARNING, "event listener is behind; " + n + " events dropped so far");
      }
    }
  }

  /** Events dropped because the listener fell behind. */
  public long dropped() {
    return dropped.get();
  }

  private void deliver() {
    while (!closed || !queue.isEmpty()) {
      RegistryEvent event;
      try {
        event = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event == STOP) {
        continue;
      }
      try {
        listener.onEvent(event);
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.WARNING, "event listener failed on " + event.action() + " " + event.repository(), e);
      }
    }
  }

  /** Delivers what is queued (waiting up to five seconds), then stops. */
  @Override
  public void close() {
    if (thread == null || closed) {
      return;
    }
    closed = true;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
