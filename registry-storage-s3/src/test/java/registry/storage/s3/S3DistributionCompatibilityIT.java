package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.testing.Peers;
import registry.core.testing.TestImages;
import registry.core.testing.TestImages.Blob;
import registry.core.testing.TestImages.Image;
import registry.core.testing.V2Client;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One bucket, two registries: {@code docker-registry} (CNCF Distribution, Debian's 2.8.2) with its
 * {@code s3} storage section pointed at the same server, bucket and root directory as ours. What
 * either pushes, the other serves.
 */
class S3DistributionCompatibilityIT {

  @TempDir
  Path work;

  private final Random random = new Random(77);
  private final String root = S3TestServer.freshRoot();

  @Test
  void eachServesWhatTheOtherPushed() throws Exception {
    Image theirs = TestImages.ociImage(random, 2, 3_000_000);
    Blob theirChunked = Blob.random(random, 7_000_000);
    Image ours = TestImages.dockerImage(random, 1, 6_000_000);
    Blob ourChunked = Blob.random(random, 12_000_000);

    try (Distribution distribution = Distribution.start(work, root)) {
      V2Client client = new V2Client(distribution.uri());
      client.pushImage("team/theirs", "1.0", theirs);
      client.pushBlobChunked("team/theirs", theirChunked, 5 << 20);
    }

    try (S3Client s3 = S3TestServer.get().newClient(RequestChecksumCalculation.WHEN_SUPPORTED);
        Registry registry = Registry.builder().storage(S3TestServer.driver(s3).rootDirectory(root).build()).build()) {
      Repository repo = registry.repository("team/theirs");
      assertThat(repo.manifests().get(Reference.parse("1.0")).orElseThrow().bytes()).isEqualTo(theirs.manifest());
      for (Blob blob : List.of(theirs.config(), theirs.layers().get(0), theirs.layers().get(1), theirChunked)) {
        try (InputStream in = repo.blobs().open(blob.digest(), 0)) {
          assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(blob.digest());
        }
      }
      Repository mine = registry.repository("team/ours");
      ours.pushTo(mine, "2.0");
      var upload = mine.uploads().start();
      byte[] b = ourChunked.bytes();
      upload = mine.uploads().append(upload.id(), 0, new ByteArrayInputStream(b, 0, 5_500_000));
      upload = mine.uploads().append(upload.id(), 5_500_000, new ByteArrayInputStream(b, 5_500_000, 100));
      mine.uploads().finish(upload.id(), ourChunked.digest(), new ByteArrayInputStream(b, 5_500_100, b.length - 5_500_100));
      assertThat(registry.catalog(-1, Optional.empty()).items()).containsExactly("team/ours", "team/theirs");
    }

    try (Distribution distribution = Distribution.start(work, root)) {
      V2Client client = new V2Client(distribution.uri());
      assertThat(client.catalog()).containsExactly("team/ours", "team/theirs");
      HttpResponse<byte[]> m = client.getManifest("team/ours", "2.0");
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.body()).isEqualTo(ours.manifest());
      assertThat(client.getBlob("team/ours", ours.layers().get(0).digest())).isEqualTo(ours.layers().get(0).bytes());
      assertThat(client.getBlob("team/ours", ourChunked.digest())).isEqualTo(ourChunked.bytes());
    }
  }

  /** {@code docker-registry serve} over the test bucket, on a loopback port; closing stops it. */
  private static final class Distribution implements AutoCloseable {
    private final Process process;
    private final URI uri;

    private Distribution(Process process, URI uri) {
      this.process = process;
      this.uri = uri;
    }

    static Distribution start(Path work, String root) throws Exception {
      Path executable = Peers.require("docker-registry", "docker-registry");
      S3TestServer s3 = S3TestServer.get();
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path config = work.resolve("distribution-s3.yml");
      Files.writeString(config, "version: 0.1\nlog:\n  level: warn\n"
          + "storage:\n  s3:\n    region: us-east-1\n    regionendpoint: " + s3.endpoint() + "\n"
          + "    bucket: " + S3TestServer.BUCKET + "\n    rootdirectory: " + root + "\n"
          + "    accesskey: " + s3.accessKey() + "\n    secretkey: " + s3.secretKey() + "\n"
          + "    secure: false\n    v4auth: true\n    chunksize: 5242880\n"
          + "  delete:\n    enabled: true\n  redirect:\n    disable: true\n"
          + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
          + "http:\n  addr: 127.0.0.1:" + port + "\n");
      Path log = work.resolve("distribution-s3.log");
      ProcessBuilder pb = new ProcessBuilder(executable.toString(), "serve", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().remove("AWS_CA_BUNDLE"); // its Go SDK refuses to start with the machine's bundle
      Distribution d = new Distribution(pb.start(), URI.create("http://127.0.0.1:" + port));
      d.awaitReady(log);
      return d;
    }

    URI uri() {
      return uri;
    }

    private void awaitReady(Path log) throws Exception {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          if (http.send(HttpRequest.newBuilder(uri.resolve("/v2/")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(50);
      }
      close();
      throw new IllegalStateException("docker-registry did not start: " + Files.readString(log));
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
