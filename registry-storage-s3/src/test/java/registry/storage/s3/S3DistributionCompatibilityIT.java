package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.testkit.peers.DistributionProcess;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.testkit.peers.V2Client;
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

    try (DistributionProcess distribution = distribution(work, root)) {
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

    try (DistributionProcess distribution = distribution(work, root)) {
      V2Client client = new V2Client(distribution.uri());
      assertThat(client.catalog()).containsExactly("team/ours", "team/theirs");
      HttpResponse<byte[]> m = client.getManifest("team/ours", "2.0");
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.body()).isEqualTo(ours.manifest());
      assertThat(client.getBlob("team/ours", ours.layers().get(0).digest())).isEqualTo(ours.layers().get(0).bytes());
      assertThat(client.getBlob("team/ours", ourChunked.digest())).isEqualTo(ourChunked.bytes());
    }
  }

  /** {@code docker-registry serve} over the test bucket under {@code root}, on a loopback port. */
  private static DistributionProcess distribution(Path work, String root) throws Exception {
    S3TestServer s3 = S3TestServer.get();
    return DistributionProcess.serve("s3:\n    region: us-east-1\n    regionendpoint: " + s3.endpoint() + "\n"
        + "    bucket: " + S3TestServer.BUCKET + "\n    rootdirectory: " + root + "\n"
        + "    accesskey: " + s3.accessKey() + "\n    secretkey: " + s3.secretKey() + "\n"
        + "    secure: false\n    v4auth: true\n    chunksize: 5242880\n", work);
  }
}
