package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.Digest;

/** Pushing blobs: sessions, chunks, monolithic pushes, mounts and cancels. */
interface UploadProtocolCases extends ProtocolSupport {

  byte[] DATA = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

  /** Starts an upload and returns its Location. */
  default String start(String name) {
    Http.Reply r = http().post("/v2/" + name + "/blobs/uploads/", new byte[0]);
    assertThat(r.status()).isEqualTo(202);
    return r.header("Location");
  }

  default byte[] slice(int from, int to) {
    return Arrays.copyOfRange(DATA, from, to);
  }

  @Test
  default void startsUploadWithLocationRangeAndUuid() {
    Http.Reply r = http().post("/v2/team/app/blobs/uploads/", new byte[0]);
    assertThat(r.status()).isEqualTo(202);
    String uuid = r.header("Docker-Upload-UUID");
    assertThat(uuid).isNotBlank();
    assertThat(r.header("Location")).isEqualTo(url("/v2/team/app/blobs/uploads/" + uuid));
    assertThat(r.header("Range")).isEqualTo("0-0");
    assertThat(r.header("Content-Length")).isEqualTo("0");
    Http.Reply status = http().get(r.header("Location"));
    assertThat(status.status()).isEqualTo(204);
    assertThat(status.header("Range")).isEqualTo("0-0");
    assertThat(status.header("Location")).isEqualTo(r.header("Location"));
    assertThat(status.header("Docker-Upload-UUID")).isEqualTo(uuid);
  }

  @Test
  default void pushesInRangedChunks() {
    String location = start("app");
    Http.Reply first = http().patch(location, slice(0, 10), "Content-Range", "0-9");
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.header("Range")).isEqualTo("0-9");
    assertThat(first.header("Location")).isEqualTo(location);
    Http.Reply second = http().patch(first.header("Location"), slice(10, 36), "Content-Range", "10-35");
    assertThat(second.header("Range")).isEqualTo("0-35");
    assertThat(http().get(location).header("Range")).isEqualTo("0-35");
    Digest digest = Digest.sha256(DATA);
    Http.Reply done = http().put(location + "?digest=" + digest, new byte[0]);
    assertThat(done.status()).isEqualTo(201);
    assertThat(done.header("Location")).isEqualTo(url("/v2/app/blobs/" + digest));
    assertThat(done.header("Docker-Content-Digest")).isEqualTo(digest.toString());
    assertThat(http().get("/v2/app/blobs/" + digest).body()).isEqualTo(DATA);
    assertThat(http().get(location).errorCode()).isEqualTo("BLOB_UPLOAD_UNKNOWN");
  }

  @ParameterizedTest(name = "Content-Range {0} after 10 bytes -> 416")
  @CsvSource({"5-14", "11-20", "0-9", "20-29", "9-5", "abc", "-3-5"})
  default void refusesChunkAtWrongOffsetAndChangesNothing(String range) {
    String location = start("app");
    http().patch(location, slice(0, 10), "Content-Range", "0-9");
    Http.Reply r = http().patch(location, slice(10, 20), "Content-Range", range);
    assertThat(r.status()).isEqualTo(416);
    assertThat(r.errorCode()).isEqualTo("BLOB_UPLOAD_INVALID");
    assertThat(http().get(location).header("Range")).isEqualTo("0-9");
    assertThat(http().patch(location, slice(10, 36), "Content-Range", "10-35").header("Range")).isEqualTo("0-35");
    assertThat(http().put(location + "?digest=" + Digest.sha256(DATA), new byte[0]).status()).isEqualTo(201);
  }

  @Test
  default void refusesChunkWhoseLengthDisagreesWithItsRange() {
    String location = start("app");
    Http.Reply r = http().patch(location, slice(0, 10), "Content-Range", "0-10");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("SIZE_INVALID");
    assertThat(http().get(location).header("Range")).isEqualTo("0-0");
  }

  @Test
  default void refusesChunkedBodyShorterThanItsRangeAndReportsWhatWasKept() {
    String location = start("app");
    Http.Reply r = http().chunked("PATCH", location, () -> new ByteArrayInputStream(slice(0, 5)), "Content-Range", "0-9");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("SIZE_INVALID");
    // Without a declared length the mismatch shows only at the end of the stream, after storage
    // took the bytes (the SPI cannot truncate an append). The status says what it kept, and the
    // client resumes from there.
    String range = http().get(location).header("Range");
    int kept = range.equals("0-0") ? 0 : Integer.parseInt(range.substring(2)) + 1;
    assertThat(kept).isBetween(0, 5);
    Http.Reply rest = http().patch(location, slice(kept, 36), "Content-Range", kept + "-35");
    assertThat(rest.header("Range")).isEqualTo("0-35");
    assertThat(http().put(location + "?digest=" + Digest.sha256(DATA), new byte[0]).status()).isEqualTo(201);
  }

  @Test
  default void streamsChunksWithoutContentRangeOntoTheEnd() {
    String location = start("app");
    assertThat(http().patch(location, slice(0, 7)).header("Range")).isEqualTo("0-6");
    assertThat(http().patch(location, slice(7, 36)).header("Range")).isEqualTo("0-35");
    Digest digest = Digest.sha256(DATA);
    // Jib style: append ?digest= to the Location it was given.
    assertThat(http().put(location + "?digest=" + digest, new byte[0]).status()).isEqualTo(201);
    assertThat(http().get("/v2/app/blobs/" + digest).body()).isEqualTo(DATA);
  }

  @Test
  default void acceptsChunkedRequestBodies() {
    Images.Blob blob = Images.Blob.random(new java.util.Random(7), 3 * 1024 * 1024 + 5);
    String location = start("app");
    Http.Reply r = http().chunked("PATCH", location, () -> new ByteArrayInputStream(blob.bytes()));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Range")).isEqualTo("0-" + (blob.bytes().length - 1));
    Http.Reply done = http().chunked("PUT", location + "?digest=" + blob.digest(), () -> new ByteArrayInputStream(new byte[0]));
    assertThat(done.status()).isEqualTo(201);
    assertThat(http().get("/v2/app/blobs/" + blob.digest()).body()).isEqualTo(blob.bytes());
  }

  @Test
  default void finishesWithALastChunkInThePut() {
    String location = start("app");
    http().patch(location, slice(0, 20), "Content-Range", "0-19");
    Digest digest = Digest.sha256(DATA);
    Http.Reply done = http().put(location + "?digest=" + digest, slice(20, 36));
    assertThat(done.status()).isEqualTo(201);
    assertThat(http().get("/v2/app/blobs/" + digest).body()).isEqualTo(DATA);
  }

  @Test
  default void pushesAnEmptyBlob() {
    Digest empty = Digest.sha256(new byte[0]);
    Http.Reply done = http().put(start("app") + "?digest=" + empty, new byte[0]);
    assertThat(done.status()).isEqualTo(201);
    assertThat(http().head("/v2/app/blobs/" + empty).header("Content-Length")).isEqualTo("0");
  }

  @Test
  default void refusesDigestMismatchAndKeepsTheUpload() {
    String location = start("app");
    http().patch(location, DATA);
    Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    Http.Reply r = http().put(location + "?digest=" + wrong, new byte[0]);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("DIGEST_INVALID");
    assertThat(http().head("/v2/app/blobs/" + wrong).status()).isEqualTo(404);
    assertThat(http().head("/v2/app/blobs/" + Digest.sha256(DATA)).status()).isEqualTo(404);
    assertThat(http().get(location).header("Range")).isEqualTo("0-35");
  }

  @Test
  default void refusesFinishWithoutDigest() {
    String location = start("app");
    http().patch(location, DATA);
    Http.Reply r = http().put(location, new byte[0]);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("DIGEST_INVALID");
    assertThat(http().get(location).header("Range")).isEqualTo("0-35");
  }

  @Test
  default void pushesMonolithicallyWithPost() {
    Digest digest = Digest.sha256(DATA);
    Http.Reply r = http().post("/v2/app/blobs/uploads/?digest=" + digest, DATA);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo(url("/v2/app/blobs/" + digest));
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(digest.toString());
    assertThat(http().get("/v2/app/blobs/" + digest).body()).isEqualTo(DATA);
  }

  @Test
  default void finishedUploadsLeaveNoDirectoryBehind() throws Exception {
    Digest digest = Digest.sha256(DATA);
    String location = start("tidy");
    assertThat(http().put(location + "?digest=" + digest, DATA).status()).isEqualTo(201);
    assertThat(http().get(location).errorCode()).isEqualTo("BLOB_UPLOAD_UNKNOWN"); // at once
    assertThat(http().post("/v2/tidy/blobs/uploads/?digest=" + digest, DATA).status()).isEqualTo(201);
    // The rest of the directories goes once the responses are out, on the server's threads.
    String uploads = "/docker/registry/v2/repositories/tidy/_uploads";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> left;
    do {
      left = listOrEmpty(uploads);
    } while (!left.isEmpty() && System.nanoTime() < deadline && sleep(10));
    assertThat(left).isEmpty();
  }

  private List<String> listOrEmpty(String path) throws IOException {
    try {
      return server().registry().storage().list(path);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static boolean sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return true;
  }

  @Test
  default void refusesMonolithicPushWithWrongDigest() {
    Digest wrong = Digest.sha256(new byte[] {1});
    Http.Reply r = http().post("/v2/app/blobs/uploads/?digest=" + wrong, DATA);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("DIGEST_INVALID");
    assertThat(http().head("/v2/app/blobs/" + wrong).status()).isEqualTo(404);
    assertThat(http().head("/v2/app/blobs/" + Digest.sha256(DATA)).status()).isEqualTo(404);
  }

  @Test
  default void cancelsUpload() {
    String location = start("app");
    http().patch(location, DATA);
    assertThat(http().delete(location).status()).isEqualTo(204);
    assertThat(http().get(location).errorCode()).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    assertThat(http().patch(location, DATA).status()).isEqualTo(404);
    assertThat(http().delete(location).status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} on upload {1}")
  @CsvSource({
      "GET,    3f1b2c4d-0000-4000-8000-000000000000",
      "PATCH,  3f1b2c4d-0000-4000-8000-000000000000",
      "PUT,    3f1b2c4d-0000-4000-8000-000000000000?digest=" + ABSENT,
      "DELETE, 3f1b2c4d-0000-4000-8000-000000000000",
      "GET,    a$b",
      "PATCH,  %2e%2e",
  })
  default void unknownUploadIsBlobUploadUnknown(String method, String id) {
    Http.Reply r = http().send(method, "/v2/app/blobs/uploads/" + id,
        java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  default void mountsFromAnotherRepository() {
    Images.Blob blob = seedBlob("source", 50);
    Http.Reply r = http().post("/v2/target/blobs/uploads/?mount=" + blob.digest() + "&from=source", new byte[0]);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo(url("/v2/target/blobs/" + blob.digest()));
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(blob.digest().toString());
    assertThat(http().get("/v2/target/blobs/" + blob.digest()).body()).isEqualTo(blob.bytes());
  }

  @Test
  default void mountOfABlobTheSourceLacksStartsAnUpload() {
    Images.Blob blob = seedBlob("elsewhere", 50);
    Http.Reply r = http().post("/v2/target/blobs/uploads/?mount=" + blob.digest() + "&from=source", new byte[0]);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Location")).startsWith(url("/v2/target/blobs/uploads/"));
    assertThat(r.header("Range")).isEqualTo("0-0");
    assertThat(http().head("/v2/target/blobs/" + blob.digest()).status()).isEqualTo(404);
    assertThat(http().post("/v2/target/blobs/uploads/?mount=" + ABSENT, new byte[0]).status()).isEqualTo(202);
  }

  @Test
  default void mountWithoutFromFindsTheBlobAnywhere() {
    Images.Blob blob = seedBlob("team/source", 50);
    Http.Reply r = http().post("/v2/target/blobs/uploads/?mount=" + blob.digest(), new byte[0]);
    assertThat(r.status()).isEqualTo(201);
    assertThat(http().head("/v2/target/blobs/" + blob.digest()).status()).isEqualTo(200);
  }

  @Test
  default void refusesMountFromAnInvalidName() {
    Images.Blob blob = seedBlob("source", 50);
    Http.Reply r = http().post("/v2/target/blobs/uploads/?mount=" + blob.digest() + "&from=Bad..Name", new byte[0]);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("NAME_INVALID");
  }
}
