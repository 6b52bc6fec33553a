package registry.http.jdk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Registry;
import registry.core.spi.StorageDriver;

/**
 * The protocol test suite over real HTTP, written once and run over every storage driver: a
 * driver's test is a subclass that supplies {@link #newDriver}. The cases live in the
 * interfaces it implements, one per route family; each test gets a fresh server on
 * {@code 127.0.0.1:0}.
 */
public abstract class ProtocolContract
    implements BaseProtocolCases, BlobProtocolCases, UploadProtocolCases, ManifestProtocolCases,
        DigestAlgorithmProtocolCases, TagsInOnePushProtocolCases, ForeignLayerProtocolCases,
        NamespaceHintProtocolCases,
        ListingProtocolCases {

  @TempDir
  Path tmp;

  private StorageDriver driver;
  private RegistryServer server;
  private Http http;
  private final List<RegistryServer> variants = new ArrayList<>();

  /** A fresh, empty driver; {@code tmp} is a directory it may use. */
  protected abstract StorageDriver newDriver(Path tmp) throws IOException;

  @BeforeEach
  void startServer() throws IOException {
    driver = newDriver(tmp);
    server = RegistryServer.builder()
        .registry(Registry.builder().storage(driver).deleteEnabled(true).maxManifestBytes(MAX_MANIFEST).build())
        .build()
        .start();
    http = new Http(server.uri());
  }

  @AfterEach
  void stopServer() throws IOException {
    variants.forEach(RegistryServer::close);
    server.close();
    driver.close();
  }

  @Override
  public Http http() {
    return http;
  }

  @Override
  public RegistryServer server() {
    return server;
  }

  @Override
  public Http variant(Registry.Builder settings) {
    RegistryServer v = RegistryServer.builder().registry(settings.build()).build().start();
    variants.add(v);
    return new Http(v.uri());
  }
}
