package registry.core.internal.service;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import registry.core.Digest;
import registry.core.DigestAlgorithm;

/**
 * The running hash of uploads in progress, by upload id, valid at one offset, in the algorithm
 * the upload is expected to finish with. The fast path only: the truth is the stored data,
 * which is re-hashed when the cache misses (another instance took the previous chunk, or this
 * one restarted) or the upload finishes in another algorithm.
 */
final class HashStates {

  /** A hash in {@code algorithm} over the first {@code offset} bytes of an upload. */
  record State(long offset, DigestAlgorithm algorithm, MessageDigest digest) {

    /** The hash of nothing yet. */
    static State empty(DigestAlgorithm algorithm) {
      return new State(0, algorithm, algorithm.newMessageDigest());
    }

    /** The digest of the bytes so far; the hash itself runs on. */
    Digest current() {
      try {
        return Digest.of(algorithm, ((MessageDigest) digest.clone()).digest());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("the SHA-2 digests of the JDK are cloneable", e);
      }
    }
  }

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
