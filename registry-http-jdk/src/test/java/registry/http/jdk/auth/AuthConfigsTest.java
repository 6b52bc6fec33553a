package registry.http.jdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.auth.Authorizer;

/** The {@code auth} section of config.yml, as the YAML parser hands it over. */
class AuthConfigsTest {

  @TempDir
  Path tmp;

  @Test
  void noSectionMeansNoAccessControl() throws Exception {
    assertThat(AuthConfigs.fromDistributionConfig(null).authorizer()).isSameAs(Authorizer.allowAll());
    assertThat(AuthConfigs.fromDistributionConfig(Map.of()).tokenIssuer()).isEmpty();
  }

  @Test
  void buildsHtpasswdWithOptionalPermissions() throws Exception {
    Path users = Files.writeString(tmp.resolve("htpasswd"), "# none yet\n");
    Path rules = Files.writeString(tmp.resolve("permissions.yml"), PermissionsTest.RULES);
    AuthConfig config = AuthConfigs.fromDistributionConfig(Map.of("htpasswd",
        Map.of("realm", "basic-realm", "path", users.toString(), "permissions", rules.toString())));
    assertThat(config.authorizer()).isInstanceOf(HtpasswdAuthorizer.class);
    assertThat(config.tokenIssuer()).isEmpty();
  }

  @Test
  void buildsTokenAuthWithAnIssuerSigningWithTheBundlesKey() throws Exception {
    TestPki pki = TestPki.create(tmp, "token", "RSA");
    Path users = Files.writeString(tmp.resolve("htpasswd"), "");
    AuthConfig config = AuthConfigs.fromDistributionConfig(Map.of("token", Map.of(
        "realm", "/auth/token", "service", "reg", "issuer", "me", "rootcertbundle", pki.cert().toString(),
        "issue", Map.of("htpasswd", users.toString(), "key", pki.key().toString(), "expiration", "5m"))));
    assertThat(config.authorizer()).isInstanceOf(TokenAuthorizer.class);
    TokenIssuer issuer = config.tokenIssuer().orElseThrow();
    assertThat(issuer.path()).isEqualTo("/auth/token");
    assertThat(issuer.publicKey()).isEqualTo(pki.certificate().getPublicKey());
  }

  @Test
  void refusesWhatWouldSilentlyWeakenAccessControl() throws Exception {
    Path users = Files.writeString(tmp.resolve("htpasswd"), "");
    TestPki pki = TestPki.create(tmp, "token", "EC");
    TestPki other = TestPki.create(tmp.resolve("other"), "other", "EC");
    assertThatThrownBy(() -> AuthConfigs.fromDistributionConfig(Map.of(
        "htpasswd", Map.of("realm", "r", "path", users.toString()), "token", Map.of())))
        .hasMessageContaining("one of htpasswd or token");
    assertThatThrownBy(() -> AuthConfigs.fromDistributionConfig(Map.of(
        "htpasswd", Map.of("realm", "r", "path", users.toString(), "permisions", "x"))))
        .hasMessageContaining("auth.htpasswd.permisions is not a known setting");
    assertThatThrownBy(() -> AuthConfigs.fromDistributionConfig(Map.of("htpasswd", Map.of("realm", "r"))))
        .hasMessageContaining("auth.htpasswd.path is required");
    assertThatThrownBy(() -> AuthConfigs.fromDistributionConfig(Map.of("silly", Map.of())))
        .hasMessageContaining("auth.silly is not supported");
    assertThatThrownBy(() -> AuthConfigs.fromDistributionConfig(Map.of("token",
        Map.of("realm", "https://a/token", "service", "s", "issuer", "i"))))
        .hasMessageContaining("needs rootcertbundle or jwks");
    assertThatThrownBy(() -> AuthConfigs.fromDistributionConfig(Map.of("token", Map.of(
        "realm", "/auth/token", "service", "s", "issuer", "i", "rootcertbundle", other.cert().toString(),
        "issue", Map.of("htpasswd", users.toString(), "key", pki.key().toString())))))
        .hasMessageContaining("belongs to no certificate of rootcertbundle");
  }
}
