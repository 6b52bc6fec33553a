package registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private static final String EMPTY_SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void digestParsesAndPrintsWireForm() {
    Digest d = Digest.parse(EMPTY_SHA256);
    assertThat(d.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
    assertThat(d.toString()).isEqualTo(EMPTY_SHA256);
    assertThat(d).isEqualTo(Digest.sha256(new byte[0]));
    assertThat(Digest.compute(DigestAlgorithm.SHA512, "a".getBytes(StandardCharsets.UTF_8)).hex()).hasSize(128);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sha256", "sha256:", "md5:abc", "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", "sha256:../../etc/passwd",
      ":e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha512:abcd"})
  void malformedDigestsAreRefused(String s) {
    assertThatThrownBy(() -> Digest.parse(s)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Digest.tryParse(s)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "library/ubuntu", "team/app-1", "a.b_c__d---e/f", "0/1/2/3"})
  void validRepositoryNames(String s) {
    assertThat(RepositoryName.of(s).value()).isEqualTo(s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "a/", "/a", "a//b", "a..b", "-a", "a-", "a/../b", "a_-b", "a___b", "a b", "é"})
  void invalidRepositoryNames(String s) {
    assertThatThrownBy(() -> RepositoryName.of(s)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void repositoryNamesHaveALengthLimit() {
    assertThat(RepositoryName.isValid("a".repeat(255))).isTrue();
    assertThatThrownBy(() -> RepositoryName.of("a".repeat(256))).hasMessageContaining("256");
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "1.0", "_x", "A-b.C_d"})
  void validTags(String s) {
    assertThat(Tag.of(s).value()).isEqualTo(s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".x", "-x", "a/b", "a:b", "a b", "..", "é"})
  void invalidTags(String s) {
    assertThatThrownBy(() -> Tag.of(s)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tagsAreAtMost128Characters() {
    assertThat(Tag.isValid("a".repeat(128))).isTrue();
    assertThat(Tag.isValid("a".repeat(129))).isFalse();
  }

  @Test
  void referenceTellsTagFromDigest() {
    assertThat(Reference.parse("latest").tag()).contains(Tag.of("latest"));
    assertThat(Reference.parse(EMPTY_SHA256).digest()).contains(Digest.parse(EMPTY_SHA256));
    assertThatThrownBy(() -> Reference.parse("sha256:zz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyErrorCodeHasASpecStatus() {
    assertThat(ErrorCode.BLOB_UNKNOWN.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.BLOB_UPLOAD_RANGE_INVALID.httpStatus()).isEqualTo(416);
    assertThat(ErrorCode.BLOB_UPLOAD_RANGE_INVALID.code()).isEqualTo("BLOB_UPLOAD_INVALID");
    assertThat(ErrorCode.DENIED.httpStatus()).isEqualTo(403);
    assertThat(ErrorCode.UNAUTHORIZED.httpStatus()).isEqualTo(401);
    assertThat(ErrorCode.TOOMANYREQUESTS.httpStatus()).isEqualTo(429);
    assertThat(ErrorCode.MANIFEST_TOO_LARGE.code()).isEqualTo("MANIFEST_INVALID");
  }
}
