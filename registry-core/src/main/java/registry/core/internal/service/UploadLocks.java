package registry.core.internal.service;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the requests of one upload inside this JVM: two chunks of one upload written at
 * once would interleave. Striped, so memory stays bounded whatever the number of uploads.
 */
final class UploadLocks {

  private final ReentrantLock[] stripes = new ReentrantLock[256];

  UploadLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  ReentrantLock forUpload(String id) {
    return stripes[Math.floorMod(id.hashCode(), stripes.length)];
  }
}
