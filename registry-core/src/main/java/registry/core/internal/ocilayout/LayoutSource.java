package registry.core.internal.ocilayout;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

/**
 * The files of an OCI image layout to import, by their name in the layout ({@code index.json},
 * {@code blobs/sha256/<hex>}): a directory, or a tar read in place.
 */
interface LayoutSource extends Closeable {

  /** The size of a regular file of the layout, or empty when the layout lacks it. */
  OptionalLong size(String name) throws IOException;

  /**
   * Opens a file of the layout.
   *
   * @throws NoSuchFileException when the layout lacks it
   */
  InputStream open(String name) throws IOException;

  /** A directory as it is; a file as a tar, gunzipped first to a temporary file when gzipped. */
  static LayoutSource open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return new DirectorySource(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no OCI layout directory or tar here");
    }
    if (!isGzip(path)) {
      return TarSource.open(path, false);
    }
    // A gzip stream cannot seek: unpack it once, then read entries in place.
    Path plain = Files.createTempFile("oci-layout-", ".tar");
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path)), 64 * 1024)) {
      Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return TarSource.open(plain, true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(plain);
      throw e;
    }
  }

  private static boolean isGzip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** A layout directory, as {@code skopeo copy ... oci:dir} writes it. */
  final class DirectorySource implements LayoutSource {
    private final Path root;

    DirectorySource(Path root) {
      this.root = root;
    }

    @Override
    public OptionalLong size(String name) throws IOException {
      Path p = root.resolve(name);
      // Links are followed: some tools share blobs between layouts that way.
      return Files.isRegularFile(p) ? OptionalLong.of(Files.size(p)) : OptionalLong.empty();
    }

    @Override
    public InputStream open(String name) throws IOException {
      Path p = root.resolve(name);
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString());
      }
      return Files.newInputStream(p);
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return root.toString();
    }
  }
}
