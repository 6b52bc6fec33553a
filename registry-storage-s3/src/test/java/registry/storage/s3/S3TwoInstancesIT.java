package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.UploadStatus;
import registry.testkit.TestImages;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two registries, each with its own client and driver, over one bucket: how users scale. An
 * upload moves between them chunk by chunk, and what one pushes the other serves.
 */
class S3TwoInstancesIT {

  @Test
  void anUploadHopsBetweenInstancesAndATagPushedOnOneIsReadOnTheOther() throws Exception {
    String root = S3TestServer.freshRoot();
    try (S3Client c1 = S3TestServer.get().newClient(RequestChecksumCalculation.WHEN_SUPPORTED);
        S3Client c2 = S3TestServer.get().newClient(RequestChecksumCalculation.WHEN_SUPPORTED);
        Registry first = Registry.builder().storage(S3TestServer.driver(c1).rootDirectory(root).build()).build();
        Registry second = Registry.builder().storage(S3TestServer.driver(c2).rootDirectory(root).build()).build()) {
      Repository one = first.repository("team/app");
      Repository two = second.repository("team/app");
      Random random = new Random(4);
      Blob blob = Blob.random(random, (13 << 20) + 5);
      int[] cuts = {0, 6 << 20, 7 << 20, 12 << 20, blob.bytes().length};

      UploadStatus s = one.uploads().start();
      s = one.uploads().append(s.id(), cuts[0], slice(blob, cuts[0], cuts[1]));
      // The second instance has no hash state: it re-reads the first chunk from the bucket.
      s = two.uploads().append(s.id(), cuts[1], slice(blob, cuts[1], cuts[2]));
      s = one.uploads().append(s.id(), cuts[2], slice(blob, cuts[2], cuts[3]));
      assertThat(two.uploads().status(s.id()).offset()).isEqualTo(cuts[3]);
      assertThat(one.uploads().finish(s.id(), blob.digest(), slice(blob, cuts[3], cuts[4])).size())
          .isEqualTo(blob.bytes().length);
      try (InputStream in = two.blobs().open(blob.digest(), 0)) {
        assertThat(in.readAllBytes()).isEqualTo(blob.bytes());
      }

      Image image = TestImages.ociImage(random, 2, 1000);
      image.pushTo(two, "1.0");
      assertThat(one.manifests().get(Reference.parse("1.0")).orElseThrow().bytes()).isEqualTo(image.manifest());
      assertThat(one.tags().resolve(registry.core.Tag.of("1.0"))).contains(image.digest());
    }
  }

  private static InputStream slice(Blob blob, int from, int to) {
    return new ByteArrayInputStream(blob.bytes(), from, to - from);
  }
}
