/**
 * The {@code s3} storage driver, on the AWS SDK for Java v2: {@link registry.storage.s3.S3StorageDriver}
 * from code with a caller-built client, or by name through {@link java.util.ServiceLoader} from the
 * parameters of distribution's {@code storage.s3} section.
 */
// "s3" ends in a digit (the name is distribution's); the SDK's jars are automatic modules that
// the API (a caller-built S3Client) must pass on.
@SuppressWarnings({"module", "requires-transitive-automatic"})
module registry.storage.s3 {
  requires transitive registry.core;
  requires transitive software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache;
  requires software.amazon.awssdk.regions;
  // The SDK's jars are automatic modules that log through SLF4J. A named module such as
  // org.slf4j is resolved only when some module requires it, so this one does, or the SDK
  // fails on the module path with NoClassDefFoundError: org/slf4j/LoggerFactory.
  requires org.slf4j;

  exports registry.storage.s3;

  provides registry.core.spi.StorageDriverFactory
      with registry.storage.s3.internal.S3StorageDriverFactory;
}
