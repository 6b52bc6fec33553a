package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET}, {@code HEAD} and {@code DELETE} of blobs, with ranges. */
interface BlobProtocolCases extends ProtocolSupport {

  @Test
  default void servesBlobWithItsHeaders() {
    Images.Blob blob = seedBlob("team/app", 100_000);
    Http.Reply r = http().get("/v2/team/app/blobs/" + blob.digest());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(blob.bytes());
    assertThat(r.header("Content-Length")).isEqualTo("100000");
    assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(blob.digest().toString());
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.header("ETag")).isEqualTo("\"" + blob.digest() + "\"");
  }

  @Test
  default void headSendsTheRealContentLengthAndNoBody() {
    Images.Blob blob = seedBlob("app", 1_234_567);
    Http.Reply r = http().head("/v2/app/blobs/" + blob.digest());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo("1234567");
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(blob.digest().toString());
    assertThat(r.body()).isEmpty();
  }

  @Test
  default void emptyBlobIsServedWithLengthZero() {
    Images.Blob blob = seedBlob("app", 0);
    Http.Reply get = http().get("/v2/app/blobs/" + blob.digest());
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("Content-Length")).isEqualTo("0");
    assertThat(http().head("/v2/app/blobs/" + blob.digest()).header("Content-Length")).isEqualTo("0");
  }

  @Test
  default void absentBlobIsBlobUnknown() {
    seedBlob("other", 10);
    Http.Reply get = http().get("/v2/app/blobs/" + ABSENT);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.errorCode()).isEqualTo("BLOB_UNKNOWN");
    assertThat(http().head("/v2/app/blobs/" + ABSENT).status()).isEqualTo(404);
  }

  @Test
  default void blobOfAnotherRepositoryIsNotServed() {
    Images.Blob blob = seedBlob("other", 10);
    assertThat(http().get("/v2/app/blobs/" + blob.digest()).errorCode()).isEqualTo("BLOB_UNKNOWN");
  }

  @ParameterizedTest(name = "Range: {0} -> {1} {2}")
  @CsvSource({
      "bytes=0-9,      206, bytes 0-9/100,   0,  10",
      "bytes=90-,      206, bytes 90-99/100, 90, 10",
      "bytes=-5,       206, bytes 95-99/100, 95, 5",
      "bytes=-500,     206, bytes 0-99/100,  0,  100",
      "bytes=95-200,   206, bytes 95-99/100, 95, 5",
      "bytes=0-0,      206, bytes 0-0/100,   0,  1",
      "Bytes = 0-9,    206, bytes 0-9/100,   0,  10",
      "bytes=0-99999999999999999999, 206, bytes 0-99/100, 0, 100",
      "bytes=-99999999999999999999,  206, bytes 0-99/100, 0, 100",
      "bytes=;0-9;,    206, bytes 0-9/100,   0,  10",
      "items=0-9,      200, ,                0,  100",
      "0-9,            200, ,                0,  100",
      "bytes=0-1;2-3,  200, ,                0,  100",
      "bytes=0-1;500-, 200, ,                0,  100",
  })
  default void servesByteRanges(String range, int status, String contentRange, int from, int length) {
    Images.Blob blob = seedBlob("app", 100);
    Http.Reply r = http().get("/v2/app/blobs/" + blob.digest(), "Range", range.replace(';', ','));
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("Content-Range")).isEqualTo(contentRange);
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(length));
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(blob.bytes(), from, from + length));
  }

  /** Unsatisfiable (nothing of it in the blob) or invalid (RFC 9110 14.1.1), which a server may reject. */
  @ParameterizedTest(name = "Range: {0} -> 416")
  @CsvSource({"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=5000-5001", "bytes=99999999999999999999-",
      "bytes=500-600;700-", "bytes=500-0", "bytes=5-1", "bytes=0-1;9-5", "bytes=abc", "bytes=", "bytes=-",
      "bytes=;", "bytes=1-2-3", "bytes=0x10-"})
  default void refusesUnsatisfiableAndInvalidRanges(String range) {
    Images.Blob blob = seedBlob("app", 100);
    Http.Reply r = http().get("/v2/app/blobs/" + blob.digest(), "Range", range.replace(';', ','));
    assertThat(r.status()).isEqualTo(416);
    assertThat(r.errorCode()).isEqualTo("RANGE_INVALID");
    assertThat(r.header("Content-Range")).isEqualTo("bytes */100");
  }

  /** An empty blob has no range to send, which RFC 9110 14.2 lets a server answer with all of it. */
  @ParameterizedTest(name = "empty blob, Range: {0} -> 200")
  @CsvSource({"bytes=0-", "bytes=-5", "bytes=5-1"})
  default void servesAnEmptyBlobWholeWhateverTheRange(String range) {
    Images.Blob blob = seedBlob("app", 0);
    Http.Reply r = http().get("/v2/app/blobs/" + blob.digest(), "Range", range);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo("0");
  }

  @Test
  default void deletesBlob() {
    Images.Blob blob = seedBlob("app", 10);
    Http.Reply r = http().delete("/v2/app/blobs/" + blob.digest());
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Content-Length")).isEqualTo("0");
    assertThat(http().head("/v2/app/blobs/" + blob.digest()).status()).isEqualTo(404);
    assertThat(http().delete("/v2/app/blobs/" + blob.digest()).errorCode()).isEqualTo("BLOB_UNKNOWN");
  }

  @Test
  default void refusesBlobDeleteWhenDeletesAreDisabled() {
    Images.Blob blob = seedBlob("app", 10);
    Http noDeletes = variant(server().registry().toBuilder().deleteEnabled(false));
    Http.Reply r = noDeletes.delete("/v2/app/blobs/" + blob.digest());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.errorCode()).isEqualTo("UNSUPPORTED");
    assertThat(http().get("/v2/app/blobs/" + blob.digest()).body()).isEqualTo(blob.bytes());
  }

  @Test
  default void streamsLargeBlobs() {
    Images.Blob blob = seedBlob("app", 8 * 1024 * 1024 + 17);
    Http.Reply r = http().get("/v2/app/blobs/" + blob.digest());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(blob.bytes());
  }
}
