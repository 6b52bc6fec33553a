package registry.storage.fs.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import registry.core.spi.FileInfo;

/** A file's attributes as the storage SPI describes them. */
public final class Attributes {

  private Attributes() {}

  /**
   * The attributes of the file of storage path {@code path}.
   *
   * @throws MissingPath when there is no such file
   */
  public static BasicFileAttributes read(String path, Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new MissingPath(path);
    }
  }

  /** The description of storage path {@code path} with attributes {@code attrs}. */
  public static FileInfo info(String path, BasicFileAttributes attrs) {
    boolean dir = attrs.isDirectory();
    return new FileInfo(path, dir ? 0 : attrs.size(), attrs.lastModifiedTime().toInstant(), dir);
  }
}
