package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.core.Digest;
import registry.core.DigestAlgorithm;

/** Blobs and manifests addressed by a digest other than sha256, and the {@code digest-algorithm} parameter. */
interface DigestAlgorithmProtocolCases extends ProtocolSupport {

  byte[] CONTENT = "sha512 content, long enough to split into chunks".getBytes(StandardCharsets.US_ASCII);
  Digest SHA512 = Digest.compute(DigestAlgorithm.SHA512, CONTENT);

  private String startWith(String query) {
    Http.Reply r = http().post("/v2/app/blobs/uploads/" + query, new byte[0]);
    assertThat(r.status()).isEqualTo(202);
    return r.header("Location");
  }

  private static byte[] part(int from, int to) {
    return Arrays.copyOfRange(CONTENT, from, to);
  }

  /** With and without announcing the algorithm at the start: the registry must manage either way. */
  @ParameterizedTest(name = "POST {0}, PATCH, PUT with the last chunk")
  @ValueSource(strings = {"?digest-algorithm=sha512", ""})
  default void finishesASha512UploadWhoseLastChunkComesWithThePut(String query) {
    String location = startWith(query);
    assertThat(http().patch(location, part(0, 10), "Content-Range", "0-9").status()).isEqualTo(202);
    Http.Reply done = http().put(location + "?digest=" + SHA512, part(10, CONTENT.length),
        "Content-Range", "10-" + (CONTENT.length - 1));
    assertThat(done.status()).isEqualTo(201);
    assertThat(done.header("Docker-Content-Digest")).isEqualTo(SHA512.toString());
    assertServed("app", SHA512);
  }

  @Test
  default void finishesASha512UploadSentInPatches() {
    String location = startWith("?digest-algorithm=sha512");
    http().patch(location, part(0, 10), "Content-Range", "0-9");
    http().patch(location, part(10, CONTENT.length), "Content-Range", "10-" + (CONTENT.length - 1));
    assertThat(http().put(location + "?digest=" + SHA512, new byte[0]).status()).isEqualTo(201);
    assertServed("app", SHA512);
  }

  @Test
  default void refusesASha512UploadWithTheWrongDigestAndKeepsIt() {
    String location = startWith("?digest-algorithm=sha512");
    http().patch(location, part(0, 10), "Content-Range", "0-9");
    Digest wrong = Digest.compute(DigestAlgorithm.SHA512, part(0, 10));
    Http.Reply r = http().put(location + "?digest=" + wrong, part(10, 20), "Content-Range", "10-19");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("DIGEST_INVALID");
    assertThat(http().get(location).header("Range")).isEqualTo("0-19");
    http().patch(location, part(20, CONTENT.length), "Content-Range", "20-" + (CONTENT.length - 1));
    assertThat(http().put(location + "?digest=" + SHA512, new byte[0]).status()).isEqualTo(201);
  }

  @Test
  default void pushesASha512BlobMonolithically() {
    Http.Reply r = http().post("/v2/app/blobs/uploads/?digest=" + SHA512, CONTENT);
    assertThat(r.status()).isEqualTo(201);
    assertServed("app", SHA512);
  }

  @ParameterizedTest(name = "digest-algorithm={0} -> 400")
  @ValueSource(strings = {"md5", "blake3", "SHA512", ""})
  default void refusesAnUnknownAlgorithmAndStartsNothing(String algorithm) {
    Http.Reply r = http().post("/v2/app/blobs/uploads/?digest-algorithm=" + algorithm, new byte[0]);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("DIGEST_INVALID");
    assertThat(r.header("Location")).isNull();
  }

  @Test
  default void mountsAndDeletesASha512Blob() {
    http().post("/v2/source/blobs/uploads/?digest=" + SHA512, CONTENT);
    Http.Reply mount = http().post("/v2/target/blobs/uploads/?mount=" + SHA512 + "&from=source", new byte[0]);
    assertThat(mount.status()).isEqualTo(201);
    assertThat(mount.header("Docker-Content-Digest")).isEqualTo(SHA512.toString());
    assertServed("target", SHA512);
    assertThat(http().delete("/v2/target/blobs/" + SHA512).status()).isEqualTo(202);
    assertThat(http().head("/v2/target/blobs/" + SHA512).status()).isEqualTo(404);
    assertThat(http().head("/v2/source/blobs/" + SHA512).status()).isEqualTo(200);
  }

  @Test
  default void storesAndServesAManifestAddressedBySha512() {
    Images.Image image = seedImageBlobs("app", 512);
    Digest digest = Digest.compute(DigestAlgorithm.SHA512, image.manifest());
    Http.Reply put = http().put("/v2/app/manifests/" + digest, image.manifest(),
        "Content-Type", image.mediaType());
    assertThat(put.status()).isEqualTo(201);
    assertThat(put.header("Docker-Content-Digest")).isEqualTo(digest.toString());
    Http.Reply get = http().get("/v2/app/manifests/" + digest, "Accept", image.mediaType());
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(image.manifest());
    assertThat(get.header("Docker-Content-Digest")).isEqualTo(digest.toString());
  }

  private void assertServed(String name, Digest digest) {
    String blob = "/v2/" + name + "/blobs/" + digest;
    Http.Reply get = http().get(blob);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(CONTENT);
    assertThat(get.header("Docker-Content-Digest")).isEqualTo(digest.toString());
    Http.Reply head = http().head(blob);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(CONTENT.length));
    Http.Reply range = http().get(blob, "Range", "bytes=3-7");
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(part(3, 8));
  }
}
