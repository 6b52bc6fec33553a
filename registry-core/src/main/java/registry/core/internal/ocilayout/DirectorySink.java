package registry.core.internal.ocilayout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import registry.core.Digest;

/**
 * Exports into a layout directory, adding to one that exists (its other images stay, an image
 * of the same name is replaced in {@code index.json}). Each file is written aside and renamed
 * into place once verified, and {@code index.json} last, so an interrupted export never leaves
 * an index that names a missing or partial blob.
 */
final class DirectorySink implements LayoutSink {

  private final Path root;
  private ObjectNode entry;
  private String tag;

  DirectorySink(Path root) {
    this.root = root;
  }

  @Override
  public void begin(ObjectNode entry, String tag) throws IOException {
    this.entry = entry;
    this.tag = tag;
    Files.createDirectories(root);
  }

  @Override
  public boolean has(Digest digest, long size) throws IOException {
    // A file named by its digest with the right size was verified by whoever wrote it there.
    Path p = root.resolve(LayoutFiles.blob(digest));
    return Files.isRegularFile(p) && Files.size(p) == size;
  }

  @Override
  public void blob(Digest digest, long size, InputStream content) throws IOException {
    Path target = root.resolve(LayoutFiles.blob(digest));
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".partial-", "");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        LayoutSink.copyVerified(content, out, digest, size);
      }
      publish(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void commit() throws IOException {
    Path layout = root.resolve(LayoutFiles.OCI_LAYOUT);
    if (!Files.exists(layout)) {
      write(layout, LayoutFiles.layoutFile());
    }
    Path index = root.resolve(LayoutFiles.INDEX);
    byte[] existing = Files.isRegularFile(index) ? Files.readAllBytes(index) : null;
    write(index, LayoutFiles.merge(existing, entry, tag));
  }

  @Override
  public void close() {}

  private static void write(Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), ".partial-", "");
    try {
      Files.write(temp, bytes);
      publish(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
