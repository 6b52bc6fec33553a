package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.junit.RegistryExtension;

/** {@code GET /v1/search}, what {@code docker search HOST/term} asks, over real HTTP. */
class SearchTest {

  @RegisterExtension
  static final RegistryExtension registry = RegistryExtension.of(
      RegistryServer.builder().storage(new InMemoryStorageDriver()).build());

  private static Http http;

  @BeforeAll
  static void seed() throws IOException {
    for (String name : new String[] {"team/app", "team/api", "other/web", "apps/x", "library/nginx"}) {
      push(registry.registry(), name);
    }
    http = new Http(registry.uri());
  }

  @Test
  void matchesRepositoryNamesBySubstringInDockersShape() {
    Http.Reply reply = http.get("/v1/search?q=app&n=25");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.text()).isEqualTo("{\"num_results\":2,\"num_pages\":1,\"page\":1,\"page_size\":25,\"query\":\"app\","
        + "\"results\":[" + result("apps/x") + "," + result("team/app") + "]}");
  }

  @Test
  void pagesThroughMatches() {
    assertThat(http.get("/v1/search?q=a&n=2&page=2").text())
        .startsWith("{\"num_results\":4,\"num_pages\":2,\"page\":2,\"page_size\":2,\"query\":\"a\",")
        .endsWith("\"results\":[" + result("team/api") + "," + result("team/app") + "]}");
    assertThat(http.get("/v1/search?q=a&n=2&page=9").text()).endsWith("\"results\":[]}").contains("\"num_results\":4");
  }

  @Test
  void ignoresCaseAndMatchesEverythingWithoutQuery() {
    assertThat(http.get("/v1/search?q=NGINX").text()).contains(result("library/nginx")).contains("\"num_results\":1");
    assertThat(http.get("/v1/search").text()).contains("\"num_results\":5,\"num_pages\":1,\"page\":1,\"page_size\":25,\"query\":\"\"");
  }

  @Test
  void capsThePageSizeAt100() {
    assertThat(http.get("/v1/search?q=x&n=1000").text()).contains("\"page_size\":100");
  }

  @Test
  void refusesBadNumbersAndWrites() {
    for (String query : new String[] {"n=0", "n=abc", "page=0", "page=-1", "n=99999999999"}) {
      Http.Reply reply = http.get("/v1/search?q=a&" + query);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.errorCode()).as(query).isEqualTo("SIZE_INVALID");
    }
    Http.Reply post = http.post("/v1/search?q=a", new byte[0]);
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.errorCode()).isEqualTo("UNSUPPORTED");
  }

  @Test
  void answersHeadWithoutBody() {
    Http.Reply head = http.head("/v1/search?q=app");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  private static String result(String name) {
    return "{\"name\":\"" + name + "\",\"description\":\"\",\"star_count\":0,\"is_official\":false,\"is_automated\":false}";
  }

  private static void push(Registry registry, String name) throws IOException {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(config);
    registry.repository(name).blobs().put(new ByteArrayInputStream(config), digest);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + digest + "\",\"size\":" + config.length + "},\"layers\":[]}";
    registry.repository(name).manifests().put(Reference.parse("1"), manifest.getBytes(StandardCharsets.UTF_8),
        MediaTypes.OCI_MANIFEST);
  }
}
