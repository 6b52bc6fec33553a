package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PUT /v2/<name>/manifests/<digest>?tag=a&tag=b}: one manifest, several tags, all or nothing. */
interface TagsInOnePushProtocolCases extends ProtocolSupport {

  /** The most tags one push may carry, as the README documents. */
  int MAX_TAGS = 16;

  private Images.Image seeded() {
    return seedImageBlobs("app", 77);
  }

  private Http.Reply push(Images.Image image, String query) {
    return http().put("/v2/app/manifests/" + image.digest() + query, image.manifest(),
        "Content-Type", image.mediaType());
  }

  private String tagsList() {
    return http().get("/v2/app/tags/list").text();
  }

  @Test
  default void pointsEveryTagAtTheManifestAndNamesEachInAnOciTagHeader() {
    Images.Image image = seeded();
    Http.Reply r = push(image, "?tag=1.2.3&tag=1.2&tag=latest");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers().allValues("OCI-Tag")).containsExactly("1.2.3", "1.2", "latest");
    for (String tag : new String[] {"1.2.3", "1.2", "latest"}) {
      Http.Reply get = http().get("/v2/app/manifests/" + tag, "Accept", image.mediaType());
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.header("Docker-Content-Digest")).isEqualTo(image.digest().toString());
    }
    assertThat(tagsList()).contains("\"1.2\"", "\"1.2.3\"", "\"latest\"");
  }

  @Test
  default void aRepeatedTagIsNamedOnce() {
    Http.Reply r = push(seeded(), "?tag=a&tag=a");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers().allValues("OCI-Tag")).containsExactly("a");
  }

  @Test
  default void aPushByDigestWithoutTagsSendsNoOciTag() {
    Http.Reply r = push(seeded(), "");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers().allValues("OCI-Tag")).isEmpty();
  }

  @ParameterizedTest(name = "tag={0} among valid tags -> 400 TAG_INVALID")
  @ValueSource(strings = {".hidden", "-dash", "a%2Fb", "", "x%20y"})
  default void anInvalidTagRefusesTheWholePushAndStoresNothing(String bad) {
    Images.Image image = seeded();
    Http.Reply r = push(image, "?tag=good&tag=" + bad + "&tag=also-good");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("TAG_INVALID");
    assertThat(http().head("/v2/app/manifests/" + image.digest()).status()).isEqualTo(404);
    assertThat(http().head("/v2/app/manifests/good").status()).isEqualTo(404);
  }

  @Test
  default void refusesMoreTagsThanTheLimitAndStoresNothing() {
    Images.Image image = seeded();
    String tooMany = IntStream.rangeClosed(0, MAX_TAGS).mapToObj(i -> "tag=t" + i).collect(Collectors.joining("&", "?", ""));
    Http.Reply r = push(image, tooMany);
    assertThat(r.status()).isEqualTo(414);
    assertThat(r.errorCode()).isEqualTo("TAG_INVALID");
    assertThat(http().head("/v2/app/manifests/" + image.digest()).status()).isEqualTo(404);
    String limit = IntStream.range(0, MAX_TAGS).mapToObj(i -> "tag=t" + i).collect(Collectors.joining("&", "?", ""));
    Http.Reply ok = push(image, limit);
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.headers().allValues("OCI-Tag")).hasSize(MAX_TAGS);
  }

  @Test
  default void aPushThatFailsForAMissingBlobMovesNoTag() {
    Images.Image old = seeded();
    assertThat(push(old, "?tag=stable").status()).isEqualTo(201);
    Images.Image missing = Images.oci(new java.util.Random(5), 1);
    Http.Reply r = http().put("/v2/app/manifests/" + missing.digest() + "?tag=stable&tag=new", missing.manifest(),
        "Content-Type", missing.mediaType());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(http().head("/v2/app/manifests/stable").header("Docker-Content-Digest")).isEqualTo(old.digest().toString());
    assertThat(http().head("/v2/app/manifests/new").status()).isEqualTo(404);
  }
}
