package registry.storage.s3;

import registry.testkit.GarbageCollectionContract;
import registry.core.spi.StorageDriver;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;

/** The garbage collector over S3: its walks run on the driver's flat listings. */
class S3GarbageCollectionIT extends GarbageCollectionContract {

  @Override
  protected StorageDriver newDriver() {
    return S3TestServer.driver(S3TestServer.get().client(RequestChecksumCalculation.WHEN_SUPPORTED)).build();
  }
}
