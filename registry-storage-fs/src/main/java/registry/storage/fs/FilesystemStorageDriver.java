package registry.storage.fs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import registry.core.spi.DeferredSync;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;
import registry.storage.fs.internal.ChannelReader;
import registry.storage.fs.internal.DurableFiles;
import registry.storage.fs.internal.FilesystemWriter;

/**
 * Stores the registry in a local directory, laid out as distribution's {@code filesystem}
 * driver lays it out: storage path {@code /x/y} is the file {@code root/x/y}. A directory that
 * {@code registry:2} wrote can be served as it is, and the other way round.
 *
 * <pre>{@code
 * StorageDriver storage = FilesystemStorageDriver.create(Path.of("/var/lib/registry"));
 * storage.putContent("/greeting", "hello".getBytes(StandardCharsets.UTF_8));
 * // now in /var/lib/registry/greeting
 * }</pre>
 *
 * <p>Whole files ({@link #putContent}) are written to a temporary file beside the target,
 * forced to the disk and renamed over it, so readers see the old content or the new. Temporary
 * files are named {@code .tmp-<uuid>} and never listed or walked; a crash can leave one behind.
 * Writers are described at {@link #writer}. Empty directories left by {@link #delete} and
 * {@link #move} stay, as with distribution.
 *
 * <p>Safe for concurrent use. No path can reach outside the root: each is resolved, normalized
 * and checked to lie under it.
 *
 * @see <a href="https://distribution.github.io/distribution/storage-drivers/filesystem/">distribution's filesystem driver</a>
 */
public final class FilesystemStorageDriver implements StorageDriver, DeferredSync {

  /** Writes of small content tried again after a concurrent delete took their temporary file. */
  private static final int PUT_ATTEMPTS = 3;

  /** The configuration name of this driver. */
  public static final String NAME = "filesystem";

  private static final String SEPARATOR = File.separator;

  private final Path root;

  private FilesystemStorageDriver(Path root) {
    this.root = root;
  }

  /**
   * A driver over directory {@code root}, which is created if missing.
   *
   * @throws IOException when the directory cannot be created
   */
  public static FilesystemStorageDriver create(Path root) throws IOException {
    Path absolute = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    Files.createDirectories(absolute);
    return new FilesystemStorageDriver(absolute);
  }

  /** The directory this driver stores under (absolute). */
  public Path root() {
    return root;
  }

  /** Returns {@code filesystem}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Reads the whole file. */
  @Override
  public byte[] getContent(String path) throws IOException {
    Path file = entry(path);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw missing(path);
    }
  }

  /** Writes aside, forces to the disk, then renames over the target and forces the directory. */
  @Override
  public void putContent(String path, byte[] content) throws IOException {
    put(path, content, true);
  }

  /** Writes aside, then renames over the target: atomic, but left to the kernel to write out. */
  @Override
  public void putContentWithoutSync(String path, byte[] content) throws IOException {
    put(path, content, false);
  }

  private void put(String path, byte[] content, boolean durable) throws IOException {
    Path target = entry(path);
    for (int attempt = 1; ; attempt++) {
      try {
        putOnce(target, content, durable);
        return;
      } catch (NoSuchFileException e) {
        // A recursive delete of the directory (a collection sweeping) took the temporary file
        // before its rename: the content never appeared, so writing it again is safe.
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

  /** Streams the file from {@code offset} through a buffered file channel. */
  @Override
  public InputStream reader(String path, long offset) throws IOException {
    Path file = entry(path);
    if (attributes(path, file).isDirectory()) {
      throw new FileSystemException(path, null, "is a directory");
    }
    try {
      return ChannelReader.open(file, offset);
    } catch (NoSuchFileException e) {
      throw missing(path);
    }
  }

  /**
   * Opens a writer. With {@code append} true it writes the file in place, continuing it; with
   * {@code append} false it writes a temporary file beside it and renames that over the file
   * when closed or committed, so the old content stays whole until then. {@code commit} forces
   * the file and its directory to the disk; {@code cancel} deletes what the writer owns (the
   * file when appending, only its temporary file when replacing).
   */
  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    return FilesystemWriter.open(path, entry(path), append);
  }

  /**
   * Describes a file or directory from its attributes. Asks first whether it exists: the
   * registry stats to find out (is this blob new?), and a miss would otherwise cost two
   * exceptions with stack traces, the JDK's and ours.
   */
  @Override
  public FileInfo stat(String path) throws IOException {
    Path file = resolve(path);
    if (!Files.exists(file)) {
      throw missing(path);
    }
    return info(path, attributes(path, file));
  }

  /** Lists a directory's entries as full paths, leaving out temporary files. */
  @Override
  public List<String> list(String path) throws IOException {
    List<String> children = new ArrayList<>();
    Path dir = resolve(path);
    String base = dir.equals(root) ? "" : storagePath(dir);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (!DurableFiles.isTemporary(entry)) {
          children.add(base + "/" + entry.getFileName());
        }
      }
    } catch (NoSuchFileException e) {
      throw missing(path);
    } catch (NotDirectoryException e) {
      throw new NotDirectoryException(path);
    }
    return children;
  }

  /** Renames atomically, replacing the destination and creating its parent directories. */
  @Override
  public void move(String source, String destination) throws IOException {
    Path to = rename(source, destination);
    // The new name must survive a crash; the old one at worst reappears as a duplicate.
    DurableFiles.syncDirectory(to.getParent());
  }

  /** Renames as {@link #move} does, leaving the directory's sync to {@link #sync}. */
  @Override
  public void moveWithoutSync(String source, String destination) throws IOException {
    rename(source, destination);
  }

  /**
   * Forces each written file, then each directory that holds a written or moved name. The
   * files go first: on journaling file systems the first force commits the renames too, so the
   * directories' forces find little left to do.
   */
  @Override
  public void sync(List<String> written, List<String> moved) throws IOException {
    Set<Path> directories = new LinkedHashSet<>();
    for (String path : written) {
      Path file = entry(path);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (NoSuchFileException e) {
        continue; // deleted meanwhile: nothing left to make durable
      }
      directories.add(file.getParent());
    }
    for (String path : moved) {
      directories.add(entry(path).getParent());
    }
    for (Path directory : directories) {
      DurableFiles.syncDirectory(directory);
    }
  }

  private Path rename(String source, String destination) throws IOException {
    Path from = entry(source);
    Path to = entry(destination);
    if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
      throw missing(source);
    }
    if (from.equals(to)) {
      return to;
    }
    try {
      // A new blob's directory is new: creating it before the rename spares the rename a
      // failure (an exception with its stack trace) on every first push of a blob.
      DurableFiles.ensureDirectory(to.getParent());
      DurableFiles.replace(from, to);
    } catch (NoSuchFileException e) {
      throw missing(source);
    }
    return to;
  }

  /** Deletes a file, or a directory and everything under it. */
  @Override
  public void delete(String path) throws IOException {
    Path target = entry(path);
    if (!attributes(path, target).isDirectory()) {
      try {
        Files.delete(target);
      } catch (NoSuchFileException e) {
        throw missing(path);
      }
      return;
    }
    Files.walkFileTree(target, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // deleted by someone else meanwhile
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Walks with the file system's own tree walk, which reads attributes as it lists, instead of
   * one {@code stat} per entry.
   */
  @Override
  public void walk(String path, WalkVisitor visitor) throws IOException {
    Path start = resolve(path);
    if (!attributes(path, start).isDirectory()) {
      throw new NotDirectoryException(path); // as list, which the default walk builds on, does
    }
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        if (dir.equals(start)) {
          return FileVisitResult.CONTINUE;
        }
        if (DurableFiles.isTemporary(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return result(visitor.visit(info(storagePath(dir), attrs)));
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (DurableFiles.isTemporary(file)) {
          return FileVisitResult.CONTINUE;
        }
        FileVisitResult r = result(visitor.visit(info(storagePath(file), attrs)));
        return r == FileVisitResult.TERMINATE ? r : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // deleted while we walked: nothing to visit
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  @Override
  public String toString() {
    return "FilesystemStorageDriver[" + root + "]";
  }

  private static FileVisitResult result(WalkVisitor.Decision decision) {
    switch (decision) {
      case SKIP_SUBTREE:
        return FileVisitResult.SKIP_SUBTREE;
      case STOP:
        return FileVisitResult.TERMINATE;
      default:
        return FileVisitResult.CONTINUE;
    }
  }

  private static FileInfo info(String path, BasicFileAttributes attrs) {
    boolean dir = attrs.isDirectory();
    return new FileInfo(path, dir ? 0 : attrs.size(), attrs.lastModifiedTime().toInstant(), dir);
  }

  private static BasicFileAttributes attributes(String path, Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw missing(path);
    }
  }

  /** Names the storage path, not the file, so messages read the same for every driver. */
  private static NoSuchFileException missing(String path) {
    return new MissingPath(path);
  }

  /**
   * A missing path is an answer (no such blob, no such link), not a fault, and the registry
   * asks often: its stack trace would cost more than the stat.
   */
  private static final class MissingPath extends NoSuchFileException {
    private static final long serialVersionUID = 1L;

    MissingPath(String path) {
      super(path);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** The file of a path below the root ({@code "/"} refused). */
  private Path entry(String path) {
    Path file = resolve(path);
    if (file.equals(root)) {
      throw new IllegalArgumentException("storage path '" + path + "' names the root, not an entry");
    }
    return file;
  }

  /** The file of a storage path, which never lies outside the root. */
  private Path resolve(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("storage path '" + path + "' must start with '/'");
    }
    // Resolving "/etc" would replace the root, and ".." would climb out of it: checked below.
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("storage path '" + path + "' escapes the root");
    }
    return file;
  }

  /** The storage path of a file under the root (walks name thousands: text, not relativize). */
  private String storagePath(Path file) {
    String full = file.toString();
    String base = root.toString();
    if (full.length() == base.length()) {
      return "/";
    }
    String relative = full.substring(base.endsWith(SEPARATOR) ? base.length() : base.length() + 1);
    return "/" + (SEPARATOR.equals("/") ? relative : relative.replace(SEPARATOR, "/"));
  }
}
