package registry.core;

import java.util.List;
import java.util.Optional;

/**
 * One page of a sorted listing (tags, repositories).
 *
 * @param items the items, sorted
 * @param hasMore whether items follow this page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, boolean hasMore) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** The value to pass as {@code last} to fetch the next page, when there is one. */
  public Optional<T> next() {
    return hasMore && !items.isEmpty() ? Optional.of(items.get(items.size() - 1)) : Optional.empty();
  }
}
