package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.storage.InMemoryStorageDriver;

/** {@code Location} and {@code Link} behind a reverse proxy, or with a configured host. */
class ProxyUrlsTest {

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "X-Forwarded-Proto|https|https://SELF",
      "X-Forwarded-Host |reg.example.com|http://reg.example.com",
      "X-Forwarded-Proto|https, http|https://SELF",
      "Forwarded        |for=192.0.2.60;proto=https;host=reg.example.com:8443|https://reg.example.com:8443",
      "Forwarded        |for=192.0.2.60;host=\"reg.example.com\";proto=https, for=10.0.0.1;proto=http|https://reg.example.com",
      "Forwarded        |For=\"[2001:db8::1]\";Proto=HTTPS|https://SELF",
      "X-Forwarded-Host |bad host/evil|http://SELF",
      "X-Forwarded-Proto|gopher|http://SELF",
  })
  void honoursProxyHeaders(String header, String value, String expected) {
    try (RegistryServer server = server(b -> b)) {
      String base = expected.replace("SELF", server.hostAndPort());
      Http.Reply r = new Http(server.uri()).post("/v2/app/blobs/uploads/", new byte[0], header, value);
      assertThat(r.header("Location")).startsWith(base + "/v2/app/blobs/uploads/");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "configured host, https://registry.example.com",
      "relative,        ''",
      "untrusted,       http://SELF",
  })
  void followsTheConfiguredPolicy(String policy, String expected) throws Exception {
    UnaryOperator<RegistryServer.Builder> settings;
    switch (policy) {
      case "configured host":
        settings = b -> b.host(URI.create("https://registry.example.com/ignored/path"));
        break;
      case "relative":
        settings = b -> b.relativeUrls(true);
        break;
      default:
        settings = b -> b.trustForwardedHeaders(false);
    }
    try (RegistryServer server = server(settings)) {
      String base = expected.replace("SELF", server.hostAndPort());
      Images.Image image = Images.oci(new java.util.Random(1), 1);
      image.pushTo(server.registry().repository("app"), "a");
      image.pushTo(server.registry().repository("app"), "b");
      Http http = new Http(server.uri());
      String[] proxy = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "proxy.example.com"};
      assertThat(http.post("/v2/app/blobs/uploads/", new byte[0], proxy).header("Location"))
          .startsWith(base + "/v2/app/blobs/uploads/");
      assertThat(http.get("/v2/app/tags/list?n=1", proxy).header("Link"))
          .isEqualTo("<" + base + "/v2/app/tags/list?n=1&last=a>; rel=\"next\"");
      assertThat(http.put("/v2/app/manifests/c", image.manifest(), "Content-Type", image.mediaType()).header("Location"))
          .isEqualTo(base + "/v2/app/manifests/" + image.digest());
    }
  }

  private static RegistryServer server(UnaryOperator<RegistryServer.Builder> settings) {
    return settings.apply(RegistryServer.builder().storage(new InMemoryStorageDriver())).build().start();
  }
}
