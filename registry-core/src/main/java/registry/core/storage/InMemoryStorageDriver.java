package registry.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import registry.core.internal.storage.StoragePath;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;

/**
 * A {@link StorageDriver} that keeps a tree of directories and files in memory: for tests,
 * demos and registries whose content may vanish with the process.
 *
 * <pre>{@code
 * StorageDriver storage = new InMemoryStorageDriver();
 * storage.putContent("/greeting", "hello".getBytes(StandardCharsets.UTF_8));
 * byte[] hello = storage.getContent("/greeting");
 * }</pre>
 *
 * <p>Directories exist only while they have descendants, as on object stores: deleting or
 * moving the last file out of a directory removes the directory too. Files are stored in
 * 64 KiB chunks, so large files cost no single large array and appending does not copy.
 * Readers see the file as it was when they were opened.
 *
 * <p>Safe for concurrent use. Paths are assumed valid, as the SPI allows: the registry checks
 * them before they reach any driver.
 */
public final class InMemoryStorageDriver implements StorageDriver {

  /** The configuration name of this driver. */
  public static final String NAME = "inmemory";

  /** Guards the whole tree; every operation on it is short, content is copied outside. */
  private final Object lock = new Object();

  private final DirNode root = new DirNode(Instant.now());

  /** Creates an empty store. */
  public InMemoryStorageDriver() {}

  /** Returns {@code inmemory}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns a copy of the file's bytes. */
  @Override
  public byte[] getContent(String path) throws IOException {
    return file(path).toByteArray();
  }

  /** Stores a copy of {@code content}, replacing the file in one step. */
  @Override
  public void putContent(String path, byte[] content) throws IOException {
    publish(path, MemoryContent.copyOf(content));
  }

  /** Streams the file as it is now, from {@code offset}. */
  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return file(path).open(offset);
  }

  /**
   * Opens a writer that collects bytes privately and puts them at the path when it is closed
   * or committed. A cancelled appending writer removes the file; a cancelled replacing writer
   * ({@code append} false) leaves the path as it was.
   */
  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    MemoryContent base = MemoryContent.EMPTY;
    synchronized (lock) {
      requireNoFileAbove(path);
      Node node = find(path);
      if (node instanceof DirNode) {
        throw new FileSystemException(path, null, "is a directory");
      }
      if (append && node != null) {
        base = ((FileNode) node).content;
      }
    }
    return new InMemoryWriter(this, path, append, base);
  }

  /** Describes a file or a directory; the root always exists. */
  @Override
  public FileInfo stat(String path) throws IOException {
    synchronized (lock) {
      Node node = existing(path);
      long size = node instanceof FileNode ? ((FileNode) node).content.length() : 0;
      return new FileInfo(path, size, node.modified, node instanceof DirNode);
    }
  }

  /** Lists a directory's direct children as full paths, in name order. */
  @Override
  public List<String> list(String path) throws IOException {
    synchronized (lock) {
      Node node = existing(path);
      if (!(node instanceof DirNode)) {
        throw new NotDirectoryException(path);
      }
      List<String> children = new ArrayList<>();
      for (String name : ((DirNode) node).children.keySet()) {
        children.add(StoragePath.child(path, name));
      }
      return children;
    }
  }

  /**
   * Moves a file (or a directory), replacing a file at the destination. Refuses to replace a
   * directory or to move a directory into itself.
   */
  @Override
  public void move(String source, String destination) throws IOException {
    synchronized (lock) {
      Node node = existing(source);
      if (source.equals(destination)) {
        return;
      }
      if (destination.startsWith(source + "/")) {
        throw new FileSystemException(source, destination, "cannot move a directory into itself");
      }
      if (find(destination) instanceof DirNode) {
        throw new FileSystemException(source, destination, "destination is a directory");
      }
      DirNode target = directoriesFor(destination);
      Instant now = Instant.now();
      DirNode from = (DirNode) find(StoragePath.parent(source));
      from.children.remove(StoragePath.name(source));
      from.modified = now;
      target.children.put(StoragePath.name(destination), node);
      target.modified = now;
      // Pruned only after the node is attached again, so a shared ancestor is never emptied.
      prune(StoragePath.parent(source));
    }
  }

  /** Deletes a file, or a directory with everything under it. */
  @Override
  public void delete(String path) throws IOException {
    synchronized (lock) {
      existing(path);
      detach(path);
    }
  }

  @Override
  public String toString() {
    return "InMemoryStorageDriver";
  }

  /** Puts {@code content} at {@code path} as one step; used by writers and putContent. */
  void publish(String path, MemoryContent content) throws IOException {
    synchronized (lock) {
      if (find(path) instanceof DirNode) {
        throw new FileSystemException(path, null, "is a directory");
      }
      DirNode parent = directoriesFor(path);
      Instant now = Instant.now();
      parent.children.put(StoragePath.name(path), new FileNode(content, now));
      parent.modified = now;
    }
  }

  /** Removes the file at {@code path}, if there is one; used by cancelled writers. */
  void discard(String path) {
    synchronized (lock) {
      if (find(path) instanceof FileNode) {
        detach(path);
      }
    }
  }

  private MemoryContent file(String path) throws IOException {
    synchronized (lock) {
      Node node = existing(path);
      if (node instanceof DirNode) {
        throw new FileSystemException(path, null, "is a directory");
      }
      return ((FileNode) node).content;
    }
  }

  /** The node at {@code path}, or null. Callers hold the lock. */
  private Node find(String path) {
    Node node = root;
    for (String name : StoragePath.components(path)) {
      if (!(node instanceof DirNode)) {
        return null;
      }
      node = ((DirNode) node).children.get(name);
    }
    return node;
  }

  private Node existing(String path) throws NoSuchFileException {
    Node node = find(path);
    if (node == null) {
      throw new NoSuchFileException(path);
    }
    return node;
  }

  private void requireNoFileAbove(String path) throws NotDirectoryException {
    Node node = root;
    String at = StoragePath.ROOT;
    String[] names = StoragePath.components(path);
    for (int i = 0; i < names.length - 1 && node != null; i++) {
      at = StoragePath.child(at, names[i]);
      node = ((DirNode) node).children.get(names[i]);
      if (node instanceof FileNode) {
        throw new NotDirectoryException(at);
      }
    }
  }

  /**
   * The parent directory of {@code path}, created with its ancestors where missing. Fails before
   * creating anything when an ancestor is a file (it can only meet files above the first missing
   * directory).
   */
  private DirNode directoriesFor(String path) throws NotDirectoryException {
    requireNoFileAbove(path);
    DirNode dir = root;
    String[] names = StoragePath.components(path);
    Instant now = Instant.now();
    for (int i = 0; i < names.length - 1; i++) {
      Node next = dir.children.get(names[i]);
      if (next == null) {
        next = new DirNode(now);
        dir.children.put(names[i], next);
        dir.modified = now;
      }
      dir = (DirNode) next;
    }
    return dir;
  }

  /** Removes an existing node and any directories it leaves empty. */
  private void detach(String path) {
    DirNode parent = (DirNode) find(StoragePath.parent(path));
    parent.children.remove(StoragePath.name(path));
    parent.modified = Instant.now();
    prune(StoragePath.parent(path));
  }

  /** Removes {@code dir} and its ancestors while they are empty: directories are implicit. */
  private void prune(String dir) {
    while (!StoragePath.ROOT.equals(dir)) {
      Node node = find(dir);
      if (!(node instanceof DirNode) || !((DirNode) node).children.isEmpty()) {
        return;
      }
      DirNode parent = (DirNode) find(StoragePath.parent(dir));
      parent.children.remove(StoragePath.name(dir));
      parent.modified = Instant.now();
      dir = StoragePath.parent(dir);
    }
  }

  /** A file or directory; {@code modified} changes under the lock only. */
  private abstract static class Node {
    Instant modified;

    Node(Instant modified) {
      this.modified = modified;
    }
  }

  private static final class DirNode extends Node {
    final Map<String, Node> children = new TreeMap<>();

    DirNode(Instant modified) {
      super(modified);
    }
  }

  private static final class FileNode extends Node {
    final MemoryContent content;

    FileNode(MemoryContent content, Instant modified) {
      super(modified);
      this.content = content;
    }
  }
}
