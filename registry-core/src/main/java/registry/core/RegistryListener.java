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

  /** Called once per event, on the registry's event thread. */
  void onEvent(RegistryEvent event);
}
