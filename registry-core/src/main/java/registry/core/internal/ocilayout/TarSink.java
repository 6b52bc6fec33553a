package registry.core.internal.ocilayout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import registry.core.Digest;

/**
 * Exports a layout as a tar stream: {@code oci-layout} and {@code index.json} first, so a
 * reader that streams the archive knows what it holds before the blobs arrive, then manifests
 * and blobs. The stream is the caller's: it is flushed, not closed.
 */
final class TarSink implements LayoutSink {

  private final TarWriter tar;
  private final Set<String> directories = new HashSet<>();
  private final Set<Digest> written = new HashSet<>();

  TarSink(OutputStream out) {
    this.tar = new TarWriter(out);
  }

  @Override
  public void begin(ObjectNode entry, String tag) throws IOException {
    tar.file(LayoutFiles.OCI_LAYOUT, LayoutFiles.layoutFile());
    tar.file(LayoutFiles.INDEX, LayoutFiles.index(entry));
    tar.directory("blobs");
  }

  @Override
  public boolean has(Digest digest, long size) {
    return written.contains(digest);
  }

  @Override
  public void blob(Digest digest, long size, InputStream content) throws IOException {
    String dir = "blobs/" + digest.algorithm().prefix();
    if (directories.add(dir)) {
      tar.directory(dir);
    }
    tar.begin(LayoutFiles.blob(digest), size);
    LayoutSink.copyVerified(content, new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        tar.write(b, off, len);
      }
    }, digest, size);
    tar.end();
    written.add(digest);
  }

  @Override
  public void commit() throws IOException {
    tar.finish();
  }

  @Override
  public void close() {}
}
