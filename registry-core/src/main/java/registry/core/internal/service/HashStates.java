package registry.core.internal.service;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running SHA-256 of uploads in progress, by upload id, valid at one offset. The fast
 * path only: the truth is the stored data, which is re-hashed when the cache misses (another
 * instance took the previous chunk, or this one restarted).
 */
final class HashStates {

  /** A hash over the first {@code offset} bytes of an upload. */
  record State(long offset, MessageDigest digest) {}

  private final int capacity;
  private final Map<String, State> states;

  HashStates(int capacity) {
    this.capacity = capacity;
    this.states = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
        return size() > HashStates.this.capacity;
      }
    };
  }

  /** Takes the state of an upload out of the cache, if it is there. */
  synchronized State take(String uploadId) {
    return states.remove(uploadId);
  }

  /** Leaves the state of an upload for its next chunk. */
  synchronized void put(String uploadId, State state) {
    states.put(uploadId, state);
  }

  synchronized void remove(String uploadId) {
    states.remove(uploadId);
  }
}
