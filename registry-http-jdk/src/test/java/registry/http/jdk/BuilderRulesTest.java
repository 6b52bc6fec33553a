package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.auth.Htpasswd;
import registry.http.jdk.auth.HtpasswdAuthorizer;
import registry.http.jdk.auth.TokenAuthorizer;
import registry.http.jdk.auth.TokenIssuer;
import registry.http.jdk.junit.RegistryExtension;

/**
 * The public builders agree: a null setting is refused at its setter, by name, and what a
 * builder built does not change when the builder changes afterwards.
 */
class BuilderRulesTest {

  @Test
  void settersRefuseNullNamingTheSetting() {
    Map<String, Runnable> calls = Map.ofEntries(
        Map.entry("registry", () -> RegistryServer.builder().registry(null)),
        Map.entry("storage", () -> RegistryServer.builder().storage(null)),
        Map.entry("address", () -> RegistryServer.builder().address(null)),
        Map.entry("tls", () -> RegistryServer.builder().tls(null)),
        Map.entry("host", () -> RegistryServer.builder().host(null)),
        Map.entry("idleTimeout", () -> RegistryServer.builder().idleTimeout(null)),
        Map.entry("drainTimeout", () -> RegistryServer.builder().drainTimeout(null)),
        Map.entry("requestLogLevel", () -> RegistryServer.builder().requestLogLevel(null)),
        Map.entry("failureListener", () -> RegistryServer.builder().failureListener(null)),
        Map.entry("authorizer", () -> RegistryServer.builder().authorizer(null)),
        Map.entry("tokenIssuer", () -> RegistryServer.builder().tokenIssuer(null)),
        Map.entry("realm", () -> HtpasswdAuthorizer.builder().realm(null)),
        Map.entry("users", () -> HtpasswdAuthorizer.builder().users(null)),
        Map.entry("permissions", () -> TokenAuthorizer.builder().permissions(null)),
        Map.entry("leeway", () -> TokenAuthorizer.builder().leeway(null)),
        Map.entry("trust", () -> TokenAuthorizer.builder().trust(null)),
        Map.entry("path", () -> TokenIssuer.builder().path(null)),
        Map.entry("expiration", () -> TokenIssuer.builder().expiration(null)),
        Map.entry("signingKey", () -> TokenIssuer.builder().signingKey(null)),
        Map.entry("failureLimit period", () -> TokenIssuer.builder().failureLimit(3, null)),
        Map.entry("server", () -> RegistryExtension.of(null)));
    calls.forEach((setting, call) -> assertThatThrownBy(call::run)
        .as(setting).isInstanceOf(NullPointerException.class).hasMessage(setting));
  }

  @Test
  void aServerKeepsTheSettingsItWasBuiltWith() {
    RegistryServer.Builder builder = RegistryServer.builder().storage(new InMemoryStorageDriver());
    try (RegistryServer absolute = builder.build().start();
        RegistryServer relative = builder.relativeUrls(true).build().start()) {
      assertThat(uploadLocation(absolute)).startsWith(absolute.uri() + "/v2/");
      assertThat(uploadLocation(relative)).startsWith("/v2/");
    }
  }

  @Test
  void aTokenAuthorizerTrustsOnlyTheKeysItWasBuiltWith(@TempDir Path dir) throws Exception {
    Htpasswd nobody = Htpasswd.load(Files.writeString(dir.resolve("htpasswd"), ""));
    TokenIssuer later = TokenIssuer.builder().service("registry").users(nobody).signingKey(ecKeys()).build();
    TokenAuthorizer.Builder builder = TokenAuthorizer.builder().realm("/auth/token").service("registry")
        .issuer("registry-token-issuer").trust(ecKeys().getPublic());
    TokenAuthorizer before = builder.build();
    TokenAuthorizer after = builder.trust(later.publicKey()).build();
    String token = later.issue(Optional.empty(), List.of());

    assertThat(statusOfBaseWith(token, b -> b.authorizer(before))).isEqualTo(401);
    assertThat(statusOfBaseWith(token, b -> b.authorizer(after))).isEqualTo(200);
  }

  private static int statusOfBaseWith(String token, Consumer<RegistryServer.Builder> auth) {
    RegistryServer.Builder b = RegistryServer.builder().storage(new InMemoryStorageDriver());
    auth.accept(b);
    try (RegistryServer server = b.build().start()) {
      return new Http(server.uri()).get("/v2/", "Authorization", "Bearer " + token).status();
    }
  }

  private static String uploadLocation(RegistryServer server) {
    return new Http(server.uri()).post("/v2/app/blobs/uploads/", new byte[0]).header("Location");
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }
}
