package registry.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import registry.core.spi.DeferredSync;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;
import registry.storage.fs.internal.Attributes;
import registry.storage.fs.internal.ChannelReader;
import registry.storage.fs.internal.DurableFiles;
import registry.storage.fs.internal.FilesystemWriter;
import registry.storage.fs.internal.MissingPath;
import registry.storage.fs.internal.RootDirectory;
import registry.storage.fs.internal.SmallFiles;
import registry.storage.fs.internal.TreeDelete;
import registry.storage.fs.internal.TreeWalk;

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
 * {@link #move} stay, as with distribution. As a {@link DeferredSync} it leaves the forces of
 * {@link #putContentWithoutSync} and {@link #moveWithoutSync} to one {@link #sync}.
 *
 * <p>Safe for concurrent use. No path can reach outside the root: each is resolved, normalized
 * and checked to lie under it.
 *
 * @see <a href="https://distribution.github.io/distribution/storage-drivers/filesystem/">distribution's filesystem driver</a>
 */
public final class FilesystemStorageDriver implements StorageDriver, DeferredSync {

  /** The configuration name of this driver. */
  public static final String NAME = "filesystem";

  private final RootDirectory root;

  private FilesystemStorageDriver(Path root) {
    this.root = new RootDirectory(root);
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
    return root.path();
  }

  /** Returns {@code filesystem}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Reads the whole file. */
  @Override
  public byte[] getContent(String path) throws IOException {
    Path file = root.entry(path);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new MissingPath(path);
    }
  }

  /** Writes aside, forces to the disk, then renames over the target and forces the directory. */
  @Override
  public void putContent(String path, byte[] content) throws IOException {
    SmallFiles.put(root.entry(path), content, true);
  }

  /** Writes aside, then renames over the target: atomic, but left to the kernel to write out. */
  @Override
  public void putContentWithoutSync(String path, byte[] content) throws IOException {
    SmallFiles.put(root.entry(path), content, false);
  }

  /** Streams the file from {@code offset} through a buffered file channel. */
  @Override
  public InputStream reader(String path, long offset) throws IOException {
    Path file = root.entry(path);
    if (Attributes.read(path, file).isDirectory()) {
      throw new FileSystemException(path, null, "is a directory");
    }
    try {
      return ChannelReader.open(file, offset);
    } catch (NoSuchFileException e) {
      throw new MissingPath(path);
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
    return FilesystemWriter.open(path, root.entry(path), append);
  }

  /**
   * Describes a file or directory from its attributes. Asks first whether it exists: the
   * registry stats to find out (is this blob new?), and a miss would otherwise cost two
   * exceptions with stack traces, the JDK's and ours.
   */
  @Override
  public FileInfo stat(String path) throws IOException {
    Path file = root.resolve(path);
    if (!Files.exists(file)) {
      throw new MissingPath(path);
    }
    return Attributes.info(path, Attributes.read(path, file));
  }

  /** Lists a directory's entries as full paths, leaving out temporary files. */
  @Override
  public List<String> list(String path) throws IOException {
    List<String> children = new ArrayList<>();
    Path dir = root.resolve(path);
    String base = dir.equals(root.path()) ? "" : root.storagePath(dir);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (!DurableFiles.isTemporary(entry)) {
          children.add(base + "/" + entry.getFileName());
        }
      }
    } catch (NoSuchFileException e) {
      throw new MissingPath(path);
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

  /** Forces each written file, then each directory that holds a written or moved name. */
  @Override
  public void sync(List<String> written, List<String> moved) throws IOException {
    DurableFiles.syncFilesThenDirectories(entries(written), entries(moved));
  }

  private List<Path> entries(List<String> paths) {
    List<Path> files = new ArrayList<>(paths.size());
    for (String path : paths) {
      files.add(root.entry(path));
    }
    return files;
  }

  private Path rename(String source, String destination) throws IOException {
    Path from = root.entry(source);
    Path to = root.entry(destination);
    if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
      throw new MissingPath(source);
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
      throw new MissingPath(source);
    }
    return to;
  }

  /**
   * Deletes a file, or a directory and everything under it except another writer's temporary
   * file in flight, as {@link TreeDelete} says: then it fails with
   * {@link java.nio.file.DirectoryNotEmptyException}.
   */
  @Override
  public void delete(String path) throws IOException {
    Path target = root.entry(path);
    if (Attributes.read(path, target).isDirectory()) {
      TreeDelete.delete(target);
      return;
    }
    try {
      Files.delete(target);
    } catch (NoSuchFileException e) {
      throw new MissingPath(path);
    }
  }

  /**
   * Walks with the file system's own tree walk, which reads attributes as it lists, instead of
   * one {@code stat} per entry.
   */
  @Override
  public void walk(String path, WalkVisitor visitor) throws IOException {
    Path start = root.resolve(path);
    if (!Attributes.read(path, start).isDirectory()) {
      throw new NotDirectoryException(path); // as list, which the default walk builds on, does
    }
    TreeWalk.walk(root, start, visitor);
  }

  @Override
  public String toString() {
    return "FilesystemStorageDriver[" + root.path() + "]";
  }
}
