package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import registry.core.BlobInfo;
import registry.core.Digest;
import registry.core.DigestAlgorithm;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.UploadStatus;
import registry.testkit.DeterministicBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a push of a 100 MiB blob in ten 10 MiB chunks and a pull of it cost in S3 requests, counted
 * through an SDK interceptor, with the default chunksize (10 MiB). The counts are printed for the
 * issue note and bounded here, so a change that adds requests or copies shows up.
 */
class S3RequestCountIT {

  @Test
  void pushOf100MiBInTenChunksAndItsPull() throws Exception {
    RequestCounter counter = new RequestCounter();
    try (S3Client client = S3TestServer.get().newClient(RequestChecksumCalculation.WHEN_SUPPORTED, counter);
        Registry registry = Registry.builder()
            .storage(S3TestServer.driver(client).chunkSize(S3StorageDriver.DEFAULT_CHUNK_SIZE).build()).build()) {
      Repository repo = registry.repository("team/app");
      int chunk = 10 << 20;
      DeterministicBytes source = new DeterministicBytes(100);
      MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
      byte[] buffer = new byte[chunk];

      counter.take();
      UploadStatus upload = repo.uploads().start();
      Map<String, Long> start = counter.take();
      for (int i = 0; i < 10; i++) {
        source.fill(buffer, chunk);
        sha256.update(buffer);
        upload = repo.uploads().append(upload.id(), (long) i * chunk, new ByteArrayInputStream(buffer));
      }
      Map<String, Long> appends = counter.take();
      Digest digest = Digest.of(DigestAlgorithm.SHA256, sha256.digest());
      BlobInfo blob = repo.uploads().finish(upload.id(), digest, null);
      Map<String, Long> finish = counter.take();
      assertThat(blob.size()).isEqualTo(100L << 20);

      MessageDigest read = DigestAlgorithm.SHA256.newMessageDigest();
      assertThat(repo.blobs().stat(digest)).isPresent();
      try (InputStream in = repo.blobs().open(digest, 0)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          read.update(buffer, 0, n);
        }
      }
      Map<String, Long> pull = counter.take();
      assertThat(Digest.of(DigestAlgorithm.SHA256, read.digest())).isEqualTo(digest);

      System.out.println("S3 requests, push of 100 MiB in 10 MiB chunks (chunksize 10 MiB):");
      System.out.println("  start   " + RequestCounter.total(start) + " " + start);
      System.out.println("  appends " + RequestCounter.total(appends) + " " + appends);
      System.out.println("  finish  " + RequestCounter.total(finish) + " " + finish);
      System.out.println("S3 requests, pull (stat and read): " + RequestCounter.total(pull) + " " + pull);

      // Each chunk: its segment (one PutObject, no multipart upload, no copy) and the state.
      assertThat(appends).doesNotContainKeys("UploadPartCopy", "CopyObject", "CreateMultipartUpload");
      assertThat(appends.get("PutObject")).isEqualTo(20);
      assertThat(RequestCounter.total(appends)).isLessThanOrEqualTo(10 * 5);
      // Finish: the one server-side copy S3 needs to move the upload, ten part copies into the blob.
      assertThat(finish).containsEntry("UploadPartCopy", 10L).doesNotContainKey("CopyObject");
      assertThat(RequestCounter.total(finish)).isLessThanOrEqualTo(30);
      assertThat(pull).containsEntry("GetObject", 1L);
    }
  }
}
