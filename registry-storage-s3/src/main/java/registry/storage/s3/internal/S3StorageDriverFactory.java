package registry.storage.s3.internal;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageDriverFactory;
import registry.storage.s3.S3StorageDriver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Makes the {@code s3} driver from the parameters of distribution's {@code storage.s3} section:
 * {@code region}, {@code regionendpoint}, {@code bucket}, {@code rootdirectory},
 * {@code forcepathstyle}, {@code accesskey}/{@code secretkey} (and {@code sessiontoken}; without
 * them the SDK's default credential chain), {@code encrypt} and {@code keyid}, {@code storageclass}
 * ({@code STANDARD} by default, {@code NONE} to send none), {@code chunksize}, {@code secure}
 * (for an endpoint given without a scheme) and {@code redirect}; plus
 * {@code requestchecksumcalculation} and {@code responsechecksumvalidation}
 * ({@code WHEN_SUPPORTED}, the SDK's default, or {@code WHEN_REQUIRED} for S3-compatible servers
 * that reject the SDK's CRC checksums). The other parameters of distribution's driver are
 * accepted and ignored ({@link #parameterNames()}).
 *
 * <p>The client uses the SDK's Apache HTTP client, chosen here rather than discovered, because
 * discovery can fail on the module path (aws/aws-sdk-java-v2#1429).
 */
public final class S3StorageDriverFactory implements StorageDriverFactory {

  /** Those read here. */
  private static final Set<String> READ = Set.of("accesskey", "secretkey", "sessiontoken", "region",
      "regionendpoint", "forcepathstyle", "bucket", "encrypt", "keyid", "secure", "chunksize", "rootdirectory",
      "storageclass", "redirect", "requestchecksumcalculation", "responsechecksumvalidation");

  /**
   * Distribution's, accepted so that its config.yml serves as it is, and ignored: the SDK always
   * signs with v4 and verifies TLS, objects get the bucket's default ACL, and the rest tunes
   * distribution's Go client.
   */
  private static final Set<String> IGNORED = Set.of("skipverify", "v4auth", "multipartcopychunksize",
      "multipartcopymaxconcurrency", "multipartcopythresholdsize", "useragent", "usedualstack", "accelerate",
      "usefipsendpoint", "objectacl", "loglevel");

  /** For {@link java.util.ServiceLoader}. */
  public S3StorageDriverFactory() {}

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public Optional<Set<String>> parameterNames() {
    Set<String> all = new HashSet<>(READ);
    all.addAll(IGNORED);
    return Optional.of(Set.copyOf(all));
  }

  @Override
  public StorageDriver create(Map<String, Object> parameters) throws IOException {
    Parameters p = new Parameters(parameters);
    // Everything is checked before the client exists, so a bad parameter leaks no connection pool.
    String bucket = p.required("bucket");
    String root = p.string("rootdirectory").orElse("");
    new Keys(root);
    int chunkSize = chunkSize(p);
    boolean encrypt = p.bool("encrypt", false);
    boolean redirect = p.bool("redirect", false);
    String storageClass = storageClass(p);
    S3Client client = client(p);
    return S3StorageDriver.builder(client)
        .redirect(redirect ? presigner(p) : null)
        .bucket(bucket)
        .rootDirectory(root)
        .chunkSize(chunkSize)
        .encrypt(encrypt)
        .kmsKeyId(p.string("keyid").orElse(null))
        .storageClass(storageClass)
        .closeClient(true)
        .build();
  }

  private static int chunkSize(Parameters p) {
    long size = p.number("chunksize", S3StorageDriver.DEFAULT_CHUNK_SIZE);
    if (size < S3StorageDriver.MIN_CHUNK_SIZE || size > S3StorageDriver.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException("s3: chunksize " + size + " is not between "
          + S3StorageDriver.MIN_CHUNK_SIZE + " (S3's smallest part) and " + S3StorageDriver.MAX_CHUNK_SIZE);
    }
    return (int) size;
  }

  private static String storageClass(Parameters p) {
    String value = p.string("storageclass").orElse("STANDARD").toUpperCase(Locale.ROOT);
    return value.equals("NONE") ? null : value;
  }

  /** The client the parameters describe; the driver closes it. */
  static S3Client client(Parameters p) {
    S3ClientBuilder b = S3Client.builder()
        .httpClient(ApacheHttpClient.builder().maxConnections(64).build())
        .region(region(p))
        .forcePathStyle(p.bool("forcepathstyle", false))
        .credentialsProvider(credentials(p));
    endpoint(p).ifPresent(b::endpointOverride);
    p.choice("requestchecksumcalculation", RequestChecksumCalculation.class)
        .ifPresent(b::requestChecksumCalculation);
    p.choice("responsechecksumvalidation", ResponseChecksumValidation.class)
        .ifPresent(b::responseChecksumValidation);
    return b.build();
  }

  /** The presigner for redirects, signing as the client does; the driver closes it. */
  private static S3Presigner presigner(Parameters p) {
    S3Presigner.Builder b = S3Presigner.builder()
        .region(region(p))
        .credentialsProvider(credentials(p))
        .serviceConfiguration(S3Configuration.builder()
            .pathStyleAccessEnabled(p.bool("forcepathstyle", false)).build());
    endpoint(p).ifPresent(b::endpointOverride);
    return b.build();
  }

  private static Region region(Parameters p) {
    Optional<String> region = p.string("region");
    if (region.isEmpty() && p.string("regionendpoint").isEmpty()) {
      throw new IllegalArgumentException("s3: parameter 'region' is required");
    }
    // S3-compatible servers behind an endpoint often ignore the region; us-east-1 signs for them.
    return Region.of(region.orElse("us-east-1"));
  }

  private static Optional<URI> endpoint(Parameters p) {
    return p.string("regionendpoint").map(e -> endpoint(e, p.bool("secure", true)));
  }

  private static URI endpoint(String value, boolean secure) {
    String withScheme = value.contains("://") ? value : (secure ? "https://" : "http://") + value;
    URI uri = URI.create(withScheme);
    if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException("s3: regionendpoint '" + value + "' is not an http(s) URL");
    }
    return uri;
  }

  private static AwsCredentialsProvider credentials(Parameters p) {
    Optional<String> access = p.string("accesskey");
    Optional<String> secret = p.string("secretkey");
    if (access.isPresent() != secret.isPresent()) {
      throw new IllegalArgumentException("s3: accesskey and secretkey go together");
    }
    if (access.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    Optional<String> token = p.string("sessiontoken");
    return StaticCredentialsProvider.create(token.isPresent()
        ? AwsSessionCredentials.create(access.get(), secret.get(), token.get())
        : AwsBasicCredentials.create(access.get(), secret.get()));
  }
}
