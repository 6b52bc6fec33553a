package registry.http.jdk;

import java.io.IOException;
import java.nio.file.Path;
import registry.core.spi.StorageDriver;
import registry.storage.fs.FilesystemStorageDriver;

/** The protocol suite over the filesystem driver. */
class FilesystemProtocolTest extends ProtocolContract {
  @Override
  protected StorageDriver newDriver(Path tmp) throws IOException {
    return FilesystemStorageDriver.create(tmp.resolve("storage"));
  }
}
