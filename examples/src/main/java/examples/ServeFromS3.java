package examples;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import registry.core.Registry;
import registry.core.spi.StorageDriver;
import registry.http.jdk.RegistryServer;
import registry.storage.s3.S3StorageDriver;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A registry whose data lives in an S3 bucket, started from code: the same layout as
 * {@code registry:2}'s s3 driver, so either can serve the bucket. Run several behind a load
 * balancer over one bucket: an upload started on one instance continues on any other.
 *
 * <pre>
 * AWS_REGION=eu-west-1 java examples.ServeFromS3 my-bucket /registry 5000
 * S3_ENDPOINT=http://127.0.0.1:9000 java examples.ServeFromS3 ...   # MinIO or any S3 API
 * </pre>
 *
 * <p>Credentials come from the SDK's default chain (environment, profile, instance role).
 */
public final class ServeFromS3 {

  private ServeFromS3() {}

  /** {@code <bucket> [root directory] [port]}: serves until stopped. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ServeFromS3 <bucket> [root directory] [port]");
      System.exit(2);
    }
    S3ClientBuilder s3 = S3Client.builder()
        // Chosen explicitly: the SDK's discovery of an HTTP client can fail on the module path.
        .httpClient(ApacheHttpClient.create())
        .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")));
    String endpoint = System.getenv("S3_ENDPOINT");
    if (endpoint != null) {
      s3.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    RegistryServer server = serve(s3.build(), args[0], args.length > 1 ? args[1] : "/",
        new InetSocketAddress(InetAddress.getLoopbackAddress(), args.length > 2 ? Integer.parseInt(args[2]) : 5000));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
    System.out.println("serving s3://" + args[0] + " on " + server.uri());
    Thread.currentThread().join();
  }

  /** Starts a server over {@code bucket}, below {@code rootDirectory}, with deletes enabled. */
  public static RegistryServer serve(S3Client s3, String bucket, String rootDirectory, InetSocketAddress address) {
    StorageDriver storage = S3StorageDriver.builder(s3).bucket(bucket).rootDirectory(rootDirectory).build();
    Registry registry = Registry.builder().storage(storage).deleteEnabled(true).build();
    return RegistryServer.builder().registry(registry).address(address).build().start();
  }

  /** Stops serving, then closes the registry and with it the storage (the server leaves them open). */
  public static void stop(RegistryServer server) {
    server.close();
    try {
      server.registry().close();
    } catch (java.io.IOException e) {
      System.err.println("closing the storage failed: " + e);
    }
  }
}
