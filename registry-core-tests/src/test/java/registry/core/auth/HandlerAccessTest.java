package registry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.Digest;
import registry.core.Registry;
import registry.core.http.RegistryHandler;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;

/** Access control in the protocol handler: which scope each route needs, and what a refusal looks like. */
class HandlerAccessTest {

  private final Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).deleteEnabled(true).build();
  private final List<AccessRequest> asked = new CopyOnWriteArrayList<>();
  private final byte[] content = "layer".getBytes(StandardCharsets.UTF_8);
  private final Digest digest = Digest.sha256(content);

  /** Records what was asked and lets everything through as {@code caller}. */
  private RegistryHandler recording(Caller caller) {
    return RegistryHandler.builder(registry).authorizer(request -> {
      asked.add(request);
      return AccessDecision.allow(caller);
    }).build();
  }

  private static RegistryResponse call(RegistryHandler handler, String method, String path) {
    int q = path.indexOf('?');
    return handler.handle(RegistryRequest.builder(method, q < 0 ? path : path.substring(0, q))
        .rawQuery(q < 0 ? null : path.substring(q + 1))
        .header("Host", "registry.example:5000")
        .body(InputStream.nullInputStream()).build());
  }

  private static String body(RegistryResponse r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.writeBodyTo(out);
    r.close();
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} {1} needs {2}")
  @CsvSource(delimiter = '|', value = {
      "GET   |/v2/                                  |",
      "GET   |/v2/_catalog                          |registry:catalog:*",
      "GET   |/v2/team/app/tags/list                |repository:team/app:pull",
      "HEAD  |/v2/team/app/manifests/1              |repository:team/app:pull",
      "GET   |/v2/team/app/manifests/1              |repository:team/app:pull",
      "PUT   |/v2/team/app/manifests/1              |repository:team/app:pull,push",
      "DELETE|/v2/team/app/manifests/1              |repository:team/app:delete",
      "GET   |/v2/team/app/blobs/sha256:00          |repository:team/app:pull",
      "DELETE|/v2/team/app/blobs/sha256:00          |repository:team/app:delete",
      "POST  |/v2/team/app/blobs/uploads/           |repository:team/app:pull,push",
      "PATCH |/v2/team/app/blobs/uploads/abc        |repository:team/app:pull,push",
      "GET   |/v2/team/app/blobs/uploads/abc        |repository:team/app:pull,push",
      "DELETE|/v2/team/app/blobs/uploads/abc        |repository:team/app:pull,push",
      "GET   |/v2/team/app/referrers/sha256:00      |repository:team/app:pull",
      "GET   |/v1/search?q=app                      |",
  })
  void asksOnceForTheScopeOfTheRoute(String method, String path, String scope) throws IOException {
    call(recording(Caller.unrestricted()), method, path).close();
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).scopes()).map(Scope::toString)
        .containsExactlyElementsOf(scope == null ? List.of() : List.of(scope));
    assertThat(asked.get(0).origin()).hasToString("http://registry.example:5000");
  }

  @Test
  void invalidNamesAndUnknownPathsAreAnsweredBeforeAccessControl() throws IOException {
    RegistryHandler handler = recording(Caller.unrestricted());
    assertThat(call(handler, "GET", "/v2/UPPER/tags/list").status()).isEqualTo(400);
    assertThat(call(handler, "GET", "/v2/nothing").status()).isEqualTo(404);
    assertThat(asked).isEmpty();
  }

  @Test
  void challengeIs401WithTheHeaderAndWhatWasNeeded() throws IOException {
    RegistryHandler handler = RegistryHandler.builder(registry).authorizer(request ->
        AccessDecision.challenge("Basic realm=\"test\"", "authentication required")).build();
    RegistryResponse r = call(handler, "GET", "/v2/app/tags/list");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).hasValue("Basic realm=\"test\"");
    assertThat(body(r)).isEqualTo("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\","
        + "\"detail\":[{\"Type\":\"repository\",\"Name\":\"app\",\"Action\":\"pull\"}]}]}");
    RegistryResponse base = call(handler, "GET", "/v2/");
    assertThat(base.status()).isEqualTo(401);
    assertThat(body(base)).doesNotContain("detail");
  }

  @Test
  void denialIs403AndRateLimitIs429WithRetryAfter() throws IOException {
    RegistryHandler denying = RegistryHandler.builder(registry)
        .authorizer(request -> AccessDecision.deny("no push for you")).build();
    RegistryResponse denied = call(denying, "POST", "/v2/app/blobs/uploads/");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(body(denied)).startsWith("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no push for you\"");
    assertThat(registry.catalog(10, java.util.Optional.empty()).items()).isEmpty();

    RegistryHandler limiting = RegistryHandler.builder(registry)
        .authorizer(request -> AccessDecision.rateLimited(Duration.ofMillis(1500))).build();
    RegistryResponse limited = call(limiting, "GET", "/v2/");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).hasValue("2");
    assertThat(body(limited)).startsWith("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"");
    assertThat(new AccessDecision.RateLimited(Duration.ZERO, "now").retryAfterSeconds()).isEqualTo(1);
    assertThat(new AccessDecision.RateLimited(Duration.ofSeconds(3), "3 s").retryAfterSeconds()).isEqualTo(3);
  }

  @Test
  void catalogListsOnlyPullableRepositoriesAndPagesStillHoldN() throws IOException {
    TestImages.Image image = TestImages.ociImage(new Random(1), 1, 10);
    for (String name : List.of("a/1", "a/2", "b/1", "b/2", "b/3", "c/1")) {
      image.pushTo(registry.repository(name), "1");
    }
    Set<String> pullable = Set.of("a/2", "b/3", "c/1");
    RegistryHandler handler = recording(Caller.of("u",
        scope -> scope.equals(Scope.catalog()) || (pullable.contains(scope.name()) && scope.actions().equals(List.of("pull")))));
    assertThat(body(call(handler, "GET", "/v2/_catalog"))).isEqualTo("{\"repositories\":[\"a/2\",\"b/3\",\"c/1\"]}");
    RegistryResponse first = call(handler, "GET", "/v2/_catalog?n=2");
    assertThat(first.header("Link")).hasValue("<http://registry.example:5000/v2/_catalog?n=2&last=b%2F3>; rel=\"next\"");
    assertThat(body(first)).isEqualTo("{\"repositories\":[\"a/2\",\"b/3\"]}");
    RegistryResponse second = call(handler, "GET", "/v2/_catalog?n=2&last=b%2F3");
    assertThat(second.header("Link")).isEmpty();
    assertThat(body(second)).isEqualTo("{\"repositories\":[\"c/1\"]}");
    assertThat(body(call(handler, "GET", "/v1/search?q=b"))).contains("\"num_results\":1").contains("b/3");
  }

  @Test
  void mountFromARepositoryTheCallerMayNotPullBecomesAPlainUpload() throws IOException {
    registry.repository("secret").blobs().put(new ByteArrayInputStream(content), digest);
    registry.repository("public").blobs().put(new ByteArrayInputStream(content), digest);
    RegistryHandler handler = recording(Caller.of("u", scope -> !scope.name().equals("secret")));
    RegistryResponse refused = call(handler, "POST", "/v2/mine/blobs/uploads/?mount=" + digest + "&from=secret");
    assertThat(refused.status()).isEqualTo(202);
    refused.close();
    RegistryResponse anywhere = call(handler, "POST", "/v2/mine/blobs/uploads/?mount=" + digest);
    assertThat(anywhere.status()).isEqualTo(202);
    anywhere.close();
    assertThat(registry.repository("mine").blobs().stat(digest)).isEmpty();
    RegistryResponse mounted = call(handler, "POST", "/v2/mine/blobs/uploads/?mount=" + digest + "&from=public");
    assertThat(mounted.status()).isEqualTo(201);
    mounted.close();
  }

  @Test
  void withoutAnAuthorizerEverythingIsAllowed() throws IOException {
    registry.repository("secret").blobs().put(new ByteArrayInputStream(content), digest);
    RegistryHandler open = RegistryHandler.builder(registry).build();
    assertThat(call(open, "GET", "/v2/").status()).isEqualTo(200);
    assertThat(call(open, "POST", "/v2/mine/blobs/uploads/?mount=" + digest).status()).isEqualTo(201);
  }
}
