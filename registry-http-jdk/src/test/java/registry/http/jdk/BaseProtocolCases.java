package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The version check, routing, name validation and the error format. */
interface BaseProtocolCases extends ProtocolSupport {

  @Test
  default void versionCheckAnswers200WithJson() {
    Http.Reply r = http().get("/v2/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{}");
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(http().get("/v2").status()).isEqualTo(200);
    Http.Reply head = http().head("/v2/");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo("2");
    assertThat(head.body()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
      "GET,    /,                                   404, UNSUPPORTED",
      "GET,    /v1/,                                404, UNSUPPORTED",
      "GET,    /v2/app,                             404, UNSUPPORTED",
      "GET,    /v2/team/app/unknown/thing,          404, UNSUPPORTED",
      "GET,    /v2/app/manifests/,                  404, UNSUPPORTED",
      "GET,    /v2/app/blobs/,                      404, UNSUPPORTED",
      "GET,    /v2/UPPER/tags/list,                 400, NAME_INVALID",
      "GET,    /v2/a..b/manifests/latest,           400, NAME_INVALID",
      "GET,    /v2/-app/blobs/" + ABSENT + ",       400, NAME_INVALID",
      "GET,    /v2/team//app/tags/list,             400, NAME_INVALID",
      "GET,    /v2/team%2Fapp/tags/list,            404, UNSUPPORTED",
      "POST,   /v2/UPPER/blobs/uploads/,            400, NAME_INVALID",
      "DELETE, /v2/app_/manifests/latest,           400, NAME_INVALID",
      "POST,   /v2/app/tags/list,                   405, UNSUPPORTED",
      "PATCH,  /v2/app/manifests/latest,            405, UNSUPPORTED",
      "PUT,    /v2/app/blobs/" + ABSENT + ",        405, UNSUPPORTED",
      "GET,    /v2/app/blobs/uploads/,              405, UNSUPPORTED",
      "DELETE, /v2/_catalog,                        405, UNSUPPORTED",
      "POST,   /v2/,                                405, UNSUPPORTED",
  })
  default void refusesBadRoutesAndNames(String method, String path, int status, String code) {
    Http.Reply r = http().send(method, path, BodyPublishers.noBody());
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.errorCode()).isEqualTo(code);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET,    /v2/app/blobs/sha256:abc",
      "HEAD,   /v2/app/blobs/sha256:abc",
      "DELETE, /v2/app/blobs/md5:d41d8cd98f00b204e9800998ecf8427e",
      "GET,    /v2/app/manifests/sha256:XYZ",
      "DELETE, /v2/app/manifests/sha256:",
      "PUT,    /v2/app/manifests/sha256:12",
      "GET,    /v2/app/referrers/sha256:nothex",
      "GET,    /v2/app/referrers/latest",
      "POST,   /v2/app/blobs/uploads/?digest=sha256:short",
      "POST,   /v2/app/blobs/uploads/?mount=nodigest&from=other",
  })
  default void malformedDigestIsDigestInvalid(String method, String path) {
    Http.Reply r = http().send(method, path, BodyPublishers.noBody());
    assertThat(r.status()).isEqualTo(400);
    if (!method.equals("HEAD")) {
      assertThat(r.errorCode()).isEqualTo("DIGEST_INVALID");
    }
  }

  @Test
  default void errorBodyHasCodeAndMessage() {
    Http.Reply r = http().get("/v2/app/manifests/latest");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).matches("\\{\"errors\":\\[\\{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"[^\"]+\"}]}");
  }

  @Test
  default void headOfAnErrorHasItsLengthButNoBody() {
    Http.Reply get = http().get("/v2/app/blobs/" + ABSENT);
    Http.Reply head = http().head("/v2/app/blobs/" + ABSENT);
    assertThat(head.status()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.body().length));
  }
}
