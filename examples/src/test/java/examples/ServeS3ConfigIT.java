package examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.testkit.TestImages;
import registry.testkit.peers.V2Client;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stand-alone server, started as the README says ({@code java -p registry-http-jdk/target/modules
 * -m registry.http.jdk serve config.yml}), from a config.yml with distribution's {@code s3}
 * section pointed at a real S3 API (s3proxy, in this JVM, on loopback): it serves a push and
 * keeps the data in the bucket.
 */
class ServeS3ConfigIT {

  @Test
  void servesFromAnS3StorageSection(@TempDir Path work) throws Exception {
    Path modules = Path.of("..", "registry-http-jdk", "target", "modules").toAbsolutePath().normalize();
    // target/modules exists after `package`: `mvn verify` (and CI) always has it; a bare `mvn test` may not.
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(modules) || Boolean.getBoolean("registry.requirePeers"),
        "run `mvn package` first: " + modules + " is missing");
    assertThat(modules).as("the packaged server (mvn package)").isDirectory();
    String key = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    String secret = UUID.randomUUID().toString();
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(Files.createDirectories(work.resolve("objects")).toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V4, key, secret)
        .build();
    proxy.start();
    Process server = null;
    try {
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
      URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
      S3Client s3 = S3Client.builder().httpClient(ApacheHttpClient.create()).region(Region.US_EAST_1)
          .endpointOverride(endpoint).forcePathStyle(true)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
      s3.createBucket(b -> b.bucket("registry"));
      int port;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path config = work.resolve("config.yml");
      Files.writeString(config, "version: 0.1\nstorage:\n  s3:\n    region: us-east-1\n    regionendpoint: " + endpoint
          + "\n    forcepathstyle: true\n    bucket: registry\n    rootdirectory: /prod\n    accesskey: " + key
          + "\n    secretkey: " + secret + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder pb = new ProcessBuilder(java.toString(), "-p", modules.toString(), "-m", "registry.http.jdk",
          "serve", config.toString()).redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
      server = pb.start();
      URI base = URI.create("http://127.0.0.1:" + port);
      awaitListening(server, work.resolve("server.log"));

      TestImages.Image image = TestImages.ociImage(new Random(8), 2, 4096);
      new V2Client(base).pushImage("team/app", "1.0", image);
      assertThat(new V2Client(base).getManifest("team/app", "1.0").body()).isEqualTo(image.manifest());
      assertThat(new V2Client(base).getBlob("team/app", image.layers().get(1).digest()))
          .isEqualTo(image.layers().get(1).bytes());
      assertThat(s3.listObjectsV2(b -> b.bucket("registry")
          .prefix("prod/docker/registry/v2/repositories/team/app/_manifests/tags/1.0/current/link")).contents())
          .hasSize(1);
    } finally {
      if (server != null) {
        server.destroy();
        server.waitFor(15, TimeUnit.SECONDS);
        server.destroyForcibly();
      }
      proxy.stop();
    }
  }

  private static void awaitListening(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("server exited: " + Files.readString(log));
      }
      if (Files.exists(log) && Files.readString(log).contains("listening on")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("server did not start: " + Files.readString(log));
  }
}
