package registry.storage.s3;

import registry.core.spi.StorageDriver;
import registry.testkit.StorageDriverContract;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;

/** The storage contract over S3, with the SDK's default checksums (CRC32 on every request). */
class S3StorageDriverIT extends StorageDriverContract {

  @Override
  protected StorageDriver newDriver() {
    return S3TestServer.driver(S3TestServer.get().client(RequestChecksumCalculation.WHEN_SUPPORTED)).build();
  }

  /** 128 MiB: 13 parts of 5 MiB per writer session, without minutes of disk traffic. */
  @Override
  protected long largeFileSize() {
    return 128L << 20;
  }
}
