package registry.storage.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3 API for the tests: s3proxy, started in this JVM on 127.0.0.1 with an ephemeral port,
 * keeping objects in a temporary directory and checking V4 signatures with random keys. One
 * server serves every test class of the run; each driver gets its own root directory in the
 * bucket, so tests never see each other's keys.
 */
final class S3TestServer {

  /** The bucket every test uses. */
  static final String BUCKET = "registry-tests";

  private static S3TestServer instance;
  private static S3TestServer inMemory;

  private final S3Proxy proxy;
  private final Path directory;
  private final String accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
  private final String secretKey = UUID.randomUUID().toString();
  private final Map<RequestChecksumCalculation, S3Client> clients = new ConcurrentHashMap<>();

  private S3TestServer(boolean transientStore) throws Exception {
    directory = Files.createTempDirectory("s3proxy-");
    proxy = S3Proxy.builder()
        .blobStore(transientStore ? new TransientNio2BlobStore() : new FilesystemNio2BlobStore(directory.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    client(RequestChecksumCalculation.WHEN_SUPPORTED).createBucket(b -> b.bucket(BUCKET));
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
  }

  /**
   * The server, keeping objects on disk, started on first use. Failing to start fails the test:
   * it never skips.
   */
  static synchronized S3TestServer get() {
    if (instance == null) {
      instance = start(false);
    }
    return instance;
  }

  /**
   * A second server keeping its objects in memory, for tests of many small objects: s3proxy's
   * filesystem store walks the disk again for every page of a listing.
   */
  static synchronized S3TestServer inMemory() {
    if (inMemory == null) {
      inMemory = start(true);
    }
    return inMemory;
  }

  private static S3TestServer start(boolean transientStore) {
    try {
      return new S3TestServer(transientStore);
    } catch (Exception e) {
      throw new AssertionError("the in-process S3 server (s3proxy) did not start", e);
    }
  }

  /** The endpoint, such as {@code http://127.0.0.1:41234}. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** The access key the server accepts. */
  String accessKey() {
    return accessKey;
  }

  /** The secret key the server accepts. */
  String secretKey() {
    return secretKey;
  }

  /** A shared client whose requests and responses carry checksums as {@code mode} says. */
  S3Client client(RequestChecksumCalculation mode) {
    return clients.computeIfAbsent(mode, m -> newClient(m));
  }

  /** A new client (close it) with the given interceptors, for counting requests. */
  S3Client newClient(RequestChecksumCalculation mode, ExecutionInterceptor... interceptors) {
    S3ClientBuilder b = S3Client.builder()
        .httpClient(ApacheHttpClient.builder().maxConnections(32).build())
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .requestChecksumCalculation(mode)
        .responseChecksumValidation(mode == RequestChecksumCalculation.WHEN_REQUIRED
            ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED);
    for (ExecutionInterceptor i : interceptors) {
      b.overrideConfiguration(c -> c.addExecutionInterceptor(i));
    }
    return b.build();
  }

  /** A driver builder over {@code client} in a fresh root directory, with 5 MiB parts. */
  static S3StorageDriver.Builder driver(S3Client client) {
    return S3StorageDriver.builder(client).bucket(BUCKET).rootDirectory(freshRoot())
        .chunkSize(S3StorageDriver.MIN_CHUNK_SIZE);
  }

  /** A root directory no other test uses. */
  static String freshRoot() {
    return "/t-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + "/registry";
  }

  private void stop() {
    try {
      clients.values().forEach(S3Client::close);
      proxy.stop();
    } catch (Exception e) {
      // the JVM is ending
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
