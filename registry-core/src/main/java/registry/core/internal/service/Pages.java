package registry.core.internal.service;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import registry.core.Page;

/** Cuts a sorted page out of a listing, as the spec's {@code n} and {@code last} ask. */
final class Pages {

  private Pages() {}

  /** Sorts {@code items} in place and returns those after {@code last}, at most {@code n} (all when negative). */
  static Page<String> of(List<String> items, int n, Optional<String> last) {
    Collections.sort(items);
    int from = 0;
    if (last.isPresent()) {
      int i = Collections.binarySearch(items, last.get());
      from = i >= 0 ? i + 1 : -i - 1;
    }
    int to = n < 0 ? items.size() : (int) Math.min(items.size(), (long) from + n);
    return new Page<>(items.subList(from, to), to < items.size());
  }
}
