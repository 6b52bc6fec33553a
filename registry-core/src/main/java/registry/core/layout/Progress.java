package registry.core.layout;

import registry.core.Descriptor;

/**
 * Told how far the copy of each blob and manifest has come, for progress bars on large layouts.
 *
 * <pre>{@code
 * Progress progress = (blob, copied, total) -> {
 *   if (copied == total) System.err.println(blob.digest() + " done (" + total + " bytes)");
 * };
 * }</pre>
 *
 * <p>For each blob it is called once with {@code copied == 0} before its bytes flow, then every
 * few MiB, and once with {@code copied == total} at the end. A blob the target already has is
 * reported once, done. Calls come from the thread that runs the import or export. It must be
 * fast and must not throw: what it throws aborts the copy.
 */
@FunctionalInterface
public interface Progress {

  /** Reports nothing. */
  Progress NONE = (blob, copied, total) -> { };

  /**
   * How much of a blob is copied.
   *
   * @param blob the blob or manifest, as a descriptor (media type, digest, size)
   * @param copied the bytes copied so far
   * @param total the blob's size
   */
  void update(Descriptor blob, long copied, long total);
}
