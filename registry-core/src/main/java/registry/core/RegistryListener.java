package registry.core;

/**
 * Receives {@link RegistryEvent}s: pushes, pulls, mounts and deletes.
 *
 * <pre>{@code
 * Registry registry = Registry.builder()
 *     .storage(driver)
 *     .listener(event -> System.out.println(event.action() + " " + event.repository() + "@" + event.digest()))
 *     .build();
 * }</pre>
 *
 * <p>Events are delivered asynchronously, in order, on one thread of the registry's: a listener
 * can neither slow nor break a request. A listener that falls far behind loses events, which
 * the registry counts ({@link Registry#droppedEvents()}). Exceptions a listener throws are
 * logged and otherwise ignored. A listener must not call back into the registry synchronously
 * in a way that waits for more events.
 */
@FunctionalInterface
public interface RegistryListener {

  /** A listener that ignores everything. */
  RegistryListener NONE = event -> {};

  /**
   * One listener that hands each event to every one of {@code listeners} in order; a failing
   * listener does not keep the event from the others.
   */
  static RegistryListener all(java.util.List<? extends RegistryListener> listeners) {
    if (listeners.isEmpty()) {
      return NONE;
    }
    java.util.List<RegistryListener> copy = java.util.List.copyOf(listeners);
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return event -> {
      RuntimeException first = null;
      for (RegistryListener l : copy) {
        try {
          l.onEvent(event);
        } catch (RuntimeException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    };
  }

  /** Called once per event, on the registry's event thread. */
  void onEvent(RegistryEvent event);
}
