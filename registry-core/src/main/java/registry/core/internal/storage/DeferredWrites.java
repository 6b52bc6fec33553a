package registry.core.internal.storage;

import java.io.IOException;
import java.util.List;
import registry.core.spi.DeferredSync;
import registry.core.spi.StorageDriver;

/**
 * The one place the registry writes with deferred durability. A driver that is a
 * {@link DeferredSync} gets its cheaper writes and one sync; any other gets its plain
 * {@link StorageDriver#putContent} and {@link StorageDriver#move}, each durable when it returns,
 * so that there is nothing left for {@link #sync} to do.
 */
public final class DeferredWrites {

  private DeferredWrites() {}

  /** Writes atomically; durable only once {@link #sync} names the path. */
  public static void putContent(StorageDriver storage, String path, byte[] content) throws IOException {
    if (storage instanceof DeferredSync deferred) {
      deferred.putContentWithoutSync(path, content);
    } else {
      storage.putContent(path, content);
    }
  }

  /** Moves durable content; the new name is durable only once {@link #sync} names it. */
  public static void move(StorageDriver storage, String source, String destination) throws IOException {
    if (storage instanceof DeferredSync deferred) {
      deferred.moveWithoutSync(source, destination);
    } else {
      storage.move(source, destination);
    }
  }

  /** Makes durable what {@link #putContent} wrote and {@link #move} moved. */
  public static void sync(StorageDriver storage, List<String> written, List<String> moved) throws IOException {
    if (storage instanceof DeferredSync deferred) {
      deferred.sync(written, moved);
    }
  }
}
