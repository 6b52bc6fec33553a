package registry.http.jdk.internal.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A file parsed into a value and parsed again when it changes: its modification time, size or
 * identity (a file replaced by a rename) differs from the last look. The look is a {@code stat}
 * per call, a microsecond, so no thread polls and an edit counts from the next request on.
 *
 * <p>A change that fails to parse (an editor's half-written file, a typo) keeps the last good
 * value and is logged once: locking every user out over a typo helps no one. The first parse
 * must succeed.
 *
 * @param <T> the parsed value
 */
public final class WatchedFile<T> {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk.auth");

  /** Reads a file into a value. */
  @FunctionalInterface
  public interface Parser<T> {
    /** The value of the file's content; throws for content that is not valid. */
    T parse(Path file) throws IOException;
  }

  private record Stamp(FileTime modified, long size, Object fileKey) {}

  private record Snapshot<T>(Stamp stamp, T value) {}

  private final Path path;
  private final Parser<T> parser;
  private volatile Snapshot<T> current;
  private volatile Stamp failed;

  private WatchedFile(Path path, Parser<T> parser, Snapshot<T> first) {
    this.path = path;
    this.parser = parser;
    this.current = first;
  }

  /**
   * Parses the file now.
   *
   * @throws IOException when it cannot be read or parsed
   */
  public static <T> WatchedFile<T> load(Path path, Parser<T> parser) throws IOException {
    Stamp stamp = stamp(path);
    return new WatchedFile<>(path, parser, new Snapshot<>(stamp, parser.parse(path)));
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The value of the file as it is now, or as it last parsed. */
  public T get() {
    Snapshot<T> snapshot = current;
    Stamp now;
    try {
      now = stamp(path);
    } catch (IOException e) {
      warnOnce(null, "cannot read " + path + " (" + e + "); keeping its last content");
      return snapshot.value();
    }
    if (now.equals(snapshot.stamp()) || now.equals(failed)) {
      return snapshot.value();
    }
    synchronized (this) {
      snapshot = current;
      if (now.equals(snapshot.stamp())) {
        return snapshot.value();
      }
      try {
        T value = parser.parse(path);
        current = new Snapshot<>(now, value);
        failed = null;
        LOG.log(System.Logger.Level.INFO, () -> "reloaded " + path);
        return value;
      } catch (IOException | RuntimeException e) {
        warnOnce(now, "cannot use the changed " + path + ": " + e.getMessage() + "; keeping its last content");
        return snapshot.value();
      }
    }
  }

  private void warnOnce(Stamp stamp, String message) {
    if (stamp == null || !Objects.equals(stamp, failed)) {
      failed = stamp;
      LOG.log(System.Logger.Level.WARNING, message);
    }
  }

  private static Stamp stamp(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
  }
}
