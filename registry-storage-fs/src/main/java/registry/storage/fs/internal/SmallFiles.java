package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes whole small files atomically: aside, then renamed over the target. */
public final class SmallFiles {

  /** Writes of small content tried again after a concurrent delete took their temporary file. */
  private static final int PUT_ATTEMPTS = 3;

  private SmallFiles() {}

  /**
   * Writes {@code content} to a temporary file beside {@code target} and renames it over the
   * target. With {@code durable} the file and then its directory are forced to the disk;
   * without, both are left to the kernel to write out.
   */
  public static void put(Path target, byte[] content, boolean durable) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        putOnce(target, content, durable);
        return;
      } catch (NoSuchFileException e) {
        // The directory went between its creation and the temporary file's (a collection
        // sweeping): the content never appeared, so writing it again is safe.
        if (attempt == PUT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void putOnce(Path target, byte[] content, boolean durable) throws IOException {
    Path temp = DurableFiles.temporaryBeside(target);
    try {
      try (FileChannel channel = DurableFiles.open(temp,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        DurableFiles.writeFully(channel, ByteBuffer.wrap(content));
        if (durable) {
          channel.force(true);
        }
      }
      DurableFiles.replace(temp, target);
    } catch (IOException | RuntimeException e) {
      DurableFiles.deleteQuietly(temp, e);
      throw e;
    }
    if (durable) {
      DurableFiles.syncDirectory(target.getParent());
    }
  }
}
