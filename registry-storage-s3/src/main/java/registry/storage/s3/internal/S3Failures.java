package registry.storage.s3.internal;

import java.io.IOException;
import registry.core.spi.StorageUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws, after its retry policy gave up, into the SPI's {@link IOException}
 * with a message an operator can act on: operation, bucket and key, HTTP status, S3 error code
 * and request id. The SDK's exception stays the cause, so a network failure (connection refused,
 * timeout) still shows its {@code java.net} cause to whoever classifies failures.
 */
final class S3Failures {

  private S3Failures() {}

  /** A conditional write lost to another writer (HTTP 412, or 409 for a concurrent one). */
  static final class ConflictException extends IOException {
    private static final long serialVersionUID = 1L;

    ConflictException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The failure of {@code operation} on {@code s3://bucket/key}. */
  static IOException translate(String operation, String bucket, String key, SdkException e) {
    String where = "s3://" + bucket + "/" + key;
    if (e instanceof AwsServiceException) {
      AwsServiceException s = (AwsServiceException) e;
      String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
      String text = "s3: " + operation + " " + where + " failed: HTTP " + s.statusCode() + " " + code
          + (s.awsErrorDetails() == null || s.awsErrorDetails().errorMessage() == null ? ""
              : " (" + s.awsErrorDetails().errorMessage() + ")")
          + (s.requestId() == null ? "" : ", request id " + s.requestId());
      if (s.statusCode() == 412 || s.statusCode() == 409 && code.startsWith("Conditional")) {
        return new ConflictException(text, e);
      }
      if (s.statusCode() >= 500 || s.isThrottlingException() || code.equals("SlowDown")) {
        return new StorageUnavailableException(text, e);
      }
      return new IOException(text, e);
    }
    // No answer at all (connection refused, timeout) after the SDK's retries: worth retrying later.
    return new StorageUnavailableException("s3: " + operation + " " + where + " failed: " + e.getMessage(), e);
  }

  /** Whether the service answered 404 (no such key, or no such upload). */
  static boolean isNotFound(SdkException e) {
    return e instanceof AwsServiceException && ((AwsServiceException) e).statusCode() == 404;
  }

  /** Whether the service answered 416: a range that starts at or past the end. */
  static boolean isRangeNotSatisfiable(SdkException e) {
    return e instanceof AwsServiceException && ((AwsServiceException) e).statusCode() == 416;
  }
}
