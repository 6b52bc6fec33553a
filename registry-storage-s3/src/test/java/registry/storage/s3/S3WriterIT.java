package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import registry.testkit.DeterministicBytes;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The resumable writer against a real S3 API: tiny and multi-part appends, two instances
 * continuing one file, racing writers, clean-up of multipart uploads, presigned redirects.
 */
class S3WriterIT {

  private final RequestCounter counter = new RequestCounter();
  private final S3Client client = S3TestServer.get().newClient(RequestChecksumCalculation.WHEN_SUPPORTED, counter);
  private final S3Client other = S3TestServer.get().newClient(RequestChecksumCalculation.WHEN_SUPPORTED);
  private final String root = S3TestServer.freshRoot();
  private final S3StorageDriver driver = S3TestServer.driver(client).rootDirectory(root).build();

  @AfterEach
  void close() {
    driver.close();
    client.close();
    other.close();
  }

  @Test
  void tinyChunksAppendWithoutRecopyingWhatCameBefore() throws IOException {
    String p = "/uploads/tiny/data";
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DeterministicBytes source = new DeterministicBytes(7);
    counter.take();
    int sessions = 60;
    for (int i = 0; i < sessions; i++) {
      byte[] chunk = source.next(32);
      try (StorageWriter w = driver.writer(p, i > 0)) {
        assertThat(w.size()).isEqualTo(32L * i);
        w.write(chunk);
      }
      expected.write(chunk);
    }
    Map<String, Long> counts = counter.take();
    // Per chunk: read the state, read the tail back, write the new tail, the state, drop the old tail.
    assertThat(RequestCounter.total(counts)).isLessThanOrEqualTo(5L * sessions);
    assertThat(counts).doesNotContainKeys("UploadPartCopy", "CopyObject", "CreateMultipartUpload");
    assertThat(driver.stat(p).size()).isEqualTo(32L * sessions);
    assertThat(driver.getContent(p)).isEqualTo(expected.toByteArray());
    try (InputStream in = driver.reader(p, 1000)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(expected.toByteArray(), 1000, 32 * sessions));
    }
    assertThat(sidecarKeys(p)).hasSize(2); // the state and one tail segment, whatever the count of chunks
    try (StorageWriter w = driver.writer(p, true)) {
      w.commit();
    }
    assertThat(driver.getContent(p)).isEqualTo(expected.toByteArray());
  }

  @Test
  void largeChunksSpanSeveralPartsAndSurviveAMove() throws IOException {
    String p = "/uploads/large/data";
    int mib = 1 << 20;
    int[] chunks = {12 * mib, 3 * mib, 7 * mib, 1, 11 * mib + 17};
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DeterministicBytes source = new DeterministicBytes(11);
    S3StorageDriver second = driver.toBuilder().build();
    for (int i = 0; i < chunks.length; i++) {
      byte[] chunk = source.next(chunks[i]);
      try (StorageWriter w = driver.writer(p, i > 0)) {
        w.write(chunk, 0, chunk.length / 2);
        w.write(chunk, chunk.length / 2, chunk.length - chunk.length / 2);
      }
      expected.write(chunk);
      // Another instance sees every closed chunk: its size, and its bytes to re-hash.
      assertThat(second.stat(p).size()).isEqualTo(expected.size());
      assertThat(readAll(second, p, 0)).isEqualTo(expected.toByteArray());
    }
    counter.take();
    try (StorageWriter w = driver.writer(p, true)) {
      w.commit();
    }
    driver.move(p, "/blobs/large/data");
    Map<String, Long> counts = counter.take();
    // 12 MiB, then 3 + 7 folded into 10 MiB, then 1 byte + 11 MiB: three segments, three part copies.
    assertThat(counts).containsEntry("UploadPartCopy", 3L).containsEntry("CompleteMultipartUpload", 1L);
    byte[] all = expected.toByteArray();
    assertThat(readAll(second, "/blobs/large/data", 0)).isEqualTo(all);
    assertThat(readAll(driver, "/blobs/large/data", all.length - 5)).isEqualTo(Arrays.copyOfRange(all, all.length - 5, all.length));
    assertThat(sidecarKeys(p)).isEmpty();
    assertThat(exists(driver, p)).isFalse();
    assertThat(multipartUploads()).isEmpty();
  }

  @Test
  void twoInstancesContinueOneWriter() throws IOException {
    S3StorageDriver b = S3StorageDriver.builder(other).bucket(S3TestServer.BUCKET)
        .rootDirectory(root).chunkSize(S3StorageDriver.MIN_CHUNK_SIZE).build();
    String p = "/uploads/shared/data";
    byte[] first = new DeterministicBytes(1).next(6 << 20);
    byte[] second = new DeterministicBytes(2).next(2 << 20);
    byte[] third = new DeterministicBytes(3).next(100);
    try (StorageWriter w = driver.writer(p, false)) {
      w.write(first);
    }
    try (StorageWriter w = b.writer(p, true)) {
      assertThat(w.size()).isEqualTo(first.length);
      assertThat(readAll(b, p, 0)).isEqualTo(first);
      w.write(second);
    }
    try (StorageWriter w = driver.writer(p, true)) {
      assertThat(w.size()).isEqualTo(first.length + second.length);
      w.write(third);
      w.commit();
    }
    byte[] all = concat(first, second, third);
    assertThat(b.getContent(p)).isEqualTo(all);
    b.move(p, "/blobs/shared/data");
    assertThat(driver.getContent("/blobs/shared/data")).isEqualTo(all);
  }

  @Test
  void ofTwoRacingWritersOneFailsAndNothingIsLostSilently() throws IOException {
    String p = "/uploads/race/data";
    try (StorageWriter w = driver.writer(p, false)) {
      w.write(new byte[] {1, 2, 3});
    }
    S3StorageDriver b = S3StorageDriver.builder(other).bucket(S3TestServer.BUCKET).rootDirectory(root).build();
    StorageWriter one = driver.writer(p, true);
    StorageWriter two = b.writer(p, true);
    one.write(new byte[] {4});
    one.close();
    // The loser fails: on write when the winner replaced the tail it reads back, else on close.
    assertThatThrownBy(() -> {
      two.write(new byte[] {5});
      two.close();
    }).isInstanceOf(IOException.class).hasMessageContaining("another writer");
    assertThat(driver.getContent(p)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void cancelAbortsTheMultipartUploadInProgress() throws IOException {
    String p = "/uploads/cancelled/data";
    try (StorageWriter w = driver.writer(p, false)) {
      w.write(new byte[7 << 20]);
    }
    StorageWriter w = driver.writer(p, true);
    w.write(new byte[11 << 20]); // more than a part: a multipart upload is open now
    assertThat(multipartUploads()).hasSize(1);
    w.cancel();
    assertThat(multipartUploads()).isEmpty();
    assertThat(sidecarKeys(p)).isEmpty();
    assertThat(exists(driver, p)).isFalse();
  }

  @Test
  void deletingTheDirectoryAbortsAnAbandonedMultipartUpload() throws IOException {
    driver.putContent("/uploads/abandoned/startedat", new byte[] {1});
    StorageWriter w = driver.writer("/uploads/abandoned/data", false);
    w.write(new byte[11 << 20]); // a writer that died mid-upload: never closed
    assertThat(multipartUploads()).hasSize(1);
    driver.delete("/uploads/abandoned");
    assertThat(multipartUploads()).isEmpty();
    assertThat(exists(driver, "/uploads/abandoned")).isFalse();
  }

  @Test
  void redirectUrlsServeTheObject() throws Exception {
    S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
        .endpointOverride(S3TestServer.get().endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3TestServer.get().accessKey(), S3TestServer.get().secretKey())))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
    S3StorageDriver redirecting = driver.toBuilder().redirect(presigner).build();
    byte[] content = new DeterministicBytes(5).next(1000);
    redirecting.putContent("/blobs/x/data", content);
    assertThat(driver.redirectUrl("GET", "/blobs/x/data")).isEmpty();
    HttpClient http = HttpClient.newHttpClient();
    URI get = redirecting.redirectUrl("GET", "/blobs/x/data").orElseThrow();
    HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(content);
    URI head = redirecting.redirectUrl("HEAD", "/blobs/x/data").orElseThrow();
    HttpResponse<Void> headed = http.send(HttpRequest.newBuilder(head).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(headed.statusCode()).isEqualTo(200);
    assertThat(headed.headers().firstValueAsLong("content-length")).hasValue(1000);
    redirecting.close();
    presigner.close();
  }

  // ---- helpers

  private List<String> sidecarKeys(String path) {
    String prefix = root.substring(1) + path + "~parts/";
    return client.listObjectsV2(r -> r.bucket(S3TestServer.BUCKET).prefix(prefix)).contents().stream()
        .map(o -> o.key()).collect(java.util.stream.Collectors.toList());
  }

  private List<String> multipartUploads() {
    return client.listMultipartUploads(r -> r.bucket(S3TestServer.BUCKET).prefix(root.substring(1) + "/"))
        .uploads().stream().map(u -> u.key()).collect(java.util.stream.Collectors.toList());
  }

  static byte[] readAll(StorageDriver d, String path, long offset) throws IOException {
    try (InputStream in = d.reader(path, offset)) {
      return in.readAllBytes();
    }
  }

  static boolean exists(StorageDriver d, String path) throws IOException {
    try {
      d.stat(path);
      return true;
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

}
