package registry.storage.s3;

import registry.core.spi.StorageDriver;
import registry.testkit.StorageDriverContract;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;

/**
 * The storage contract over S3 with checksums only where S3 requires them, as configured for
 * S3-compatible servers that reject the SDK's CRC headers.
 */
class S3StorageDriverRequiredChecksumsIT extends StorageDriverContract {

  @Override
  protected StorageDriver newDriver() {
    return S3TestServer.driver(S3TestServer.get().client(RequestChecksumCalculation.WHEN_REQUIRED)).build();
  }

  @Override
  protected long largeFileSize() {
    return 64L << 20;
  }
}
