package examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.testkit.TestImages;
import registry.testkit.peers.V2Client;
import registry.http.jdk.RegistryServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs {@link ServeFromS3} over a real S3 API (s3proxy, in this JVM, on loopback). */
class ServeFromS3Test {

  @Test
  void servesAndStoresInTheBucket(@TempDir Path objects) throws Exception {
    String key = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    String secret = UUID.randomUUID().toString();
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(objects.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V4, key, secret)
        .build();
    proxy.start();
    try {
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
      S3Client s3 = S3Client.builder()
          .httpClient(ApacheHttpClient.create())
          .region(Region.US_EAST_1)
          .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
          .forcePathStyle(true)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
          .build();
      s3.createBucket(b -> b.bucket("registry"));

      RegistryServer server = ServeFromS3.serve(s3, "registry", "/prod",
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        TestImages.Image image = TestImages.ociImage(new Random(5), 2, 2048);
        new V2Client(server.uri()).pushImage("team/app", "1", image);

        HttpResponse<String> catalog = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(server.uri().resolve("/v2/_catalog")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(catalog.body()).isEqualTo("{\"repositories\":[\"team/app\"]}");
        // distribution's layout, in the bucket, under the root directory.
        assertThat(s3.listObjectsV2(b -> b.bucket("registry").prefix("prod/docker/registry/v2/repositories/team/app/"))
            .contents()).isNotEmpty();
      } finally {
        ServeFromS3.stop(server);
      }
    } finally {
      proxy.stop();
    }
  }
}
