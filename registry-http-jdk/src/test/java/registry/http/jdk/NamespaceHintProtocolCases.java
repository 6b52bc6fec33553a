package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ?ns=<host>}: the registry a pulling client (containerd's mirror support) was asked
 * for. This registry serves what it has whatever the hint names, and never errs over it.
 */
interface NamespaceHintProtocolCases extends ProtocolSupport {

  @ParameterizedTest(name = "?ns={0}")
  @ValueSource(strings = {"docker.io", "registry.example.com%3A5000", "", "not%20a%20host"})
  default void pullsAnswerAsWithoutTheHint(String ns) throws Exception {
    Images.Image image = seedImageBlobs("app", 3);
    image.pushTo(repo("app"), "v1");
    Images.Blob layer = image.blobs().get(1);
    String q = "?ns=" + ns;

    Http.Reply manifest = http().get("/v2/app/manifests/v1" + q, "Accept", image.mediaType());
    assertThat(manifest.status()).isEqualTo(200);
    assertThat(manifest.body()).isEqualTo(image.manifest());
    assertThat(http().head("/v2/app/manifests/" + image.digest() + q, "Accept", image.mediaType()).status())
        .isEqualTo(200);
    assertThat(http().get("/v2/app/blobs/" + layer.digest() + q).body()).isEqualTo(layer.bytes());
    assertThat(http().head("/v2/app/blobs/" + layer.digest() + q).status()).isEqualTo(200);
    assertThat(http().get("/v2/app/tags/list" + q).status()).isEqualTo(200);
    assertThat(http().get("/v2/app/referrers/" + image.digest() + q).status()).isEqualTo(200);
    assertThat(http().get("/v2/" + q).status()).isEqualTo(200);
    assertThat(http().get("/v2/app/manifests/absent" + q).errorCode()).isEqualTo("MANIFEST_UNKNOWN");
  }
}
