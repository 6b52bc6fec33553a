package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.MediaTypes;
import registry.core.Reference;

/** Tag lists, the catalog and referrers, with their pagination and filters. */
interface ListingProtocolCases extends ProtocolSupport {

  /** Pushes one image in-process under every tag given. */
  default Images.Image tagged(String name, String... tags) {
    try {
      Images.Image image = seedImageBlobs(name, name.hashCode());
      for (String tag : tags) {
        repo(name).manifests().put(Reference.parse(tag), image.manifest(), image.mediaType());
      }
      return image;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  default void listsTagsSorted() {
    tagged("team/app", "b", "a", "c", "1.0");
    Http.Reply r = http().get("/v2/team/app/tags/list");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.text()).isEqualTo("{\"name\":\"team/app\",\"tags\":[\"1.0\",\"a\",\"b\",\"c\"]}");
    assertThat(r.header("Link")).isNull();
  }

  @Test
  default void pagesTagsWithLinkHeaders() {
    tagged("app", "d", "b", "a", "c", "e");
    Http.Reply first = http().get("/v2/app/tags/list?n=2");
    assertThat(first.text()).isEqualTo("{\"name\":\"app\",\"tags\":[\"a\",\"b\"]}");
    assertThat(first.header("Link")).isEqualTo("<" + url("/v2/app/tags/list?n=2&last=b") + ">; rel=\"next\"");
    Http.Reply second = http().get(next(first));
    assertThat(second.text()).isEqualTo("{\"name\":\"app\",\"tags\":[\"c\",\"d\"]}");
    Http.Reply third = http().get(next(second));
    assertThat(third.text()).isEqualTo("{\"name\":\"app\",\"tags\":[\"e\"]}");
    assertThat(third.header("Link")).isNull();
    assertThat(http().get("/v2/app/tags/list?last=c").text()).isEqualTo("{\"name\":\"app\",\"tags\":[\"d\",\"e\"]}");
    Http.Reply none = http().get("/v2/app/tags/list?n=0");
    assertThat(none.text()).isEqualTo("{\"name\":\"app\",\"tags\":[]}");
    assertThat(none.header("Link")).isNull();
  }

  default String next(Http.Reply reply) {
    String link = reply.header("Link");
    return link.substring(1, link.indexOf('>'));
  }

  @ParameterizedTest(name = "n={0}")
  @CsvSource({"-1", "abc", "''", "1.5", "99999999999999999999999"})
  default void refusesInvalidPageSizes(String n) {
    tagged("app", "a");
    for (String path : List.of("/v2/app/tags/list?n=" + n, "/v2/_catalog?n=" + n)) {
      Http.Reply r = http().get(path);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("SIZE_INVALID");
    }
  }

  @Test
  default void tagsOfUnknownRepositoryIsNameUnknown() {
    Http.Reply r = http().get("/v2/nothing/here/tags/list");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  default void listsAndPagesTheCatalog() {
    for (String name : List.of("zeta", "alpha/one", "alpha", "mid/a/b")) {
      tagged(name, "latest");
    }
    assertThat(http().get("/v2/_catalog").text())
        .isEqualTo("{\"repositories\":[\"alpha\",\"alpha/one\",\"mid/a/b\",\"zeta\"]}");
    Http.Reply first = http().get("/v2/_catalog?n=3");
    assertThat(first.text()).isEqualTo("{\"repositories\":[\"alpha\",\"alpha/one\",\"mid/a/b\"]}");
    assertThat(first.header("Link")).isEqualTo("<" + url("/v2/_catalog?n=3&last=mid%2Fa%2Fb") + ">; rel=\"next\"");
    Http.Reply second = http().get(next(first));
    assertThat(second.text()).isEqualTo("{\"repositories\":[\"zeta\"]}");
    assertThat(second.header("Link")).isNull();
    assertThat(http().get("/v2/_catalog?n=0").text()).isEqualTo("{\"repositories\":[]}");
  }

  @Test
  default void emptyCatalog() {
    assertThat(http().get("/v2/_catalog").text()).isEqualTo("{\"repositories\":[]}");
  }

  @Test
  default void listsReferrersWithArtifactTypeFilter() throws Exception {
    Images.Image subject = tagged("app", "v1");
    Images.Image sbom = Images.artifact(new Random(1), "application/vnd.example.sbom", subject.digest(),
        subject.manifest().length);
    Images.Image sig = Images.artifact(new Random(2), "application/vnd.example.sig", subject.digest(),
        subject.manifest().length);
    sbom.pushTo(repo("app"), sbom.digest().toString());
    sig.pushTo(repo("app"), sig.digest().toString());

    Http.Reply all = http().get("/v2/app/referrers/" + subject.digest());
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.header("Content-Type")).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(all.header("OCI-Filters-Applied")).isNull();
    assertThat(all.text()).startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[")
        .contains(sbom.digest().toString(), sig.digest().toString(), "\"artifactType\":\"application/vnd.example.sbom\"");

    Http.Reply filtered = http().get("/v2/app/referrers/" + subject.digest() + "?artifactType=application/vnd.example.sig");
    assertThat(filtered.header("OCI-Filters-Applied")).isEqualTo("artifactType");
    assertThat(filtered.text()).contains(sig.digest().toString()).doesNotContain(sbom.digest().toString());
    assertThat(filtered.text()).contains("\"size\":" + sig.manifest().length);
  }

  @Test
  default void listsReferrersPushedBeforeTheirSubject() throws Exception {
    Images.Image sbom = Images.artifact(new Random(3), "application/vnd.example.sbom",
        registry.core.Digest.parse(ABSENT), 100);
    sbom.pushTo(repo("app"), sbom.digest().toString());
    assertThat(http().get("/v2/app/referrers/" + ABSENT).text()).contains(sbom.digest().toString());
  }

  @Test
  default void noReferrersIsAnEmptyIndex() {
    Http.Reply r = http().get("/v2/nothing/referrers/" + ABSENT);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}");
  }
}
