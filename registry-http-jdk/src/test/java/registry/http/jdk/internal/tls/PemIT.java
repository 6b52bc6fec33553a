package registry.http.jdk.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.auth.AuthConfig;
import registry.http.jdk.auth.AuthConfigs;
import registry.http.jdk.auth.TestPki;
import registry.http.jdk.internal.config.Config;
import registry.http.jdk.internal.config.PemTls;

/**
 * Keys in every form the README promises, made by openssl: each is read, and matches its own
 * certificate only; and a PKCS#1 RSA key serves both roles a key has, {@code http.tls} and the
 * token signer ({@code auth.token.issue.key}).
 */
class PemIT {

  @TempDir
  Path tmp;

  @Test
  void readsPkcs8RsaEcEdDsaAndPkcs1RsaKeysThatMatchOnlyTheirCertificate() throws Exception {
    OpenSsl openssl = new OpenSsl(tmp);
    Map<String, OpenSsl.Pair> pairs = Map.of(
        "pkcs8-rsa", openssl.certificate("pkcs8-rsa", "-newkey", "rsa:2048"),
        "pkcs8-ec", openssl.certificate("pkcs8-ec", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
        "pkcs8-ed25519", openssl.certificate("pkcs8-ed25519", "-newkey", "ed25519"),
        "pkcs1-rsa", openssl.pkcs1Rsa("pkcs1-rsa"));
    PublicKey otherRsa = Pem.certificates(openssl.certificate("other", "-newkey", "rsa:2048").certificate())
        .get(0).getPublicKey();
    pairs.forEach((form, pair) -> {
      PrivateKey key = read(pair.key());
      PublicKey own = certificate(pair.certificate());
      assertThat(KeyMatch.matches(key, own)).as(form).isTrue();
      assertThat(KeyMatch.matches(key, otherRsa)).as(form).isFalse();
    });
  }

  @Test
  void aPkcs1RsaKeyServesTlsAndSignsTokens() throws Exception {
    OpenSsl.Pair pkcs1 = new OpenSsl(tmp).pkcs1Rsa("pkcs1");
    Path users = Files.writeString(tmp.resolve("htpasswd"), "");
    AuthConfig auth = AuthConfigs.fromDistributionConfig(Map.of("token", Map.of(
        "realm", "/auth/token", "service", "reg", "issuer", "me", "rootcertbundle", pkcs1.certificate().toString(),
        "issue", Map.of("htpasswd", users.toString(), "key", pkcs1.key().toString()))));
    SSLContext tls = PemTls.context(new Config.Tls(pkcs1.certificate(), pkcs1.key(), "tls1.2"));
    TestPki trusted = new TestPki(pkcs1.certificate(), pkcs1.key(),
        Pem.certificates(pkcs1.certificate()).get(0), Pem.privateKey(pkcs1.key()));

    try (RegistryServer server = auth.applyTo(RegistryServer.builder().storage(new InMemoryStorageDriver()).tls(tls))
        .build().start()) {
      String token = auth.tokenIssuer().orElseThrow().issue(Optional.empty(), List.of());
      HttpResponse<Void> r = HttpClient.newBuilder().sslContext(trusted.clientContext()).build().send(
          HttpRequest.newBuilder(URI.create(server.uri() + "/v2/")).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  private static PrivateKey read(Path key) {
    try {
      return Pem.privateKey(key);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static PublicKey certificate(Path file) {
    try {
      return Pem.certificates(file).get(0).getPublicKey();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
