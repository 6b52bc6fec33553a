package registry.storage.s3;

import registry.testkit.RegistryContract;
import registry.core.spi.StorageDriver;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;

/** The in-process registry API over S3. */
class S3RegistryIT extends RegistryContract {

  @Override
  protected StorageDriver newDriver() {
    return S3TestServer.driver(S3TestServer.get().client(RequestChecksumCalculation.WHEN_SUPPORTED)).build();
  }
}
