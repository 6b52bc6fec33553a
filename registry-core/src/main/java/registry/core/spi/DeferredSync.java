package registry.core.spi;

import java.io.IOException;
import java.util.List;

/**
 * An optional ability of a {@link StorageDriver}: writes and moves whose durability waits for one
 * later {@link #sync}, so that several can share its cost. A driver whose every write is durable
 * when it returns (S3, memory) does not implement it, and the registry then uses
 * {@link StorageDriver#putContent} and {@link StorageDriver#move}, which make each durable alone.
 * The registry asks for the ability by type, so a driver has all three methods or none.
 *
 * <pre>{@code
 * public final class MyDriver implements StorageDriver, DeferredSync { ... }
 * }</pre>
 *
 * <p>A driver that wraps another should offer this ability only when its delegate does.
 *
 * @see StorageDriver
 */
public interface DeferredSync {

  /**
   * As {@link StorageDriver#putContent}, atomic too, but the content need only survive a crash
   * of the process, not of the machine, until {@link #sync} names the path: a driver may leave
   * out what makes a write durable (the filesystem driver's fsyncs). The registry uses it for
   * state that is cheap to lose, such as the start time of an upload, which after a power cut
   * may be missing or empty, and for a link it syncs with its blob.
   */
  void putContentWithoutSync(String path, byte[] content) throws IOException;

  /**
   * As {@link StorageDriver#move}, but the new name need only survive a crash of the process
   * until {@link #sync} names it: a crash of the machine before that may undo the move. The
   * content moved must already be durable (a committed writer, {@link StorageDriver#putContent}).
   * The registry publishes a blob this way and then syncs its name together with the link to
   * it.
   *
   * @throws java.nio.file.NoSuchFileException when there is no file at the source
   */
  void moveWithoutSync(String source, String destination) throws IOException;

  /**
   * Makes durable what {@link #putContentWithoutSync} and {@link #moveWithoutSync} left: the
   * content and the name of each path in {@code written}, and the name of each path in
   * {@code moved}. Once it returns, all of them survive a crash of the machine. A path deleted
   * meanwhile is skipped.
   */
  void sync(List<String> written, List<String> moved) throws IOException;
}
