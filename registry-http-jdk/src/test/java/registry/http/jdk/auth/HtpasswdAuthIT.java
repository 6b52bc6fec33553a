package registry.http.jdk.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.TestLayouts;

/**
 * htpasswd users and per-repository permissions on an HTTPS server with a generated
 * certificate: the answers clients rely on (401 with the Basic challenge, 403 DENIED, 429),
 * anonymous pulls where the rules allow them, the catalog per user, and skopeo and Jib pushing
 * and pulling with credentials.
 */
class HtpasswdAuthIT {

  @TempDir
  static Path tmp;

  static AuthFixture fixture;
  static RegistryServer server;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    fixture = AuthFixture.create(tmp);
    Path rules = Files.writeString(tmp.resolve("permissions.yml"), PermissionsTest.RULES);
    HtpasswdAuthorizer auth = HtpasswdAuthorizer.builder().realm("test-realm")
        .users(Htpasswd.load(fixture.users())).permissions(Permissions.load(rules)).build();
    server = fixture.serve(b -> b.authorizer(auth), 5);
    client = fixture.client(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void asksForCredentialsWithTheBasicChallenge() {
    Client.Reply base = client.get("/v2/", null);
    assertThat(base.status()).isEqualTo(401);
    assertThat(base.header("WWW-Authenticate")).isEqualTo("Basic realm=\"test-realm\"");
    assertThat(base.errorCode()).isEqualTo("UNAUTHORIZED");
    Client.Reply wrong = client.get("/v2/team/app/tags/list", Client.basic("jenkins", "nope"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"test-realm\"");
    assertThat(wrong.body()).contains("invalid username or password").doesNotContain("nope");
    assertThat(client.get("/v2/", Client.basic("nobody", "x")).status()).isEqualTo(401);
    assertThat(client.get("/v2/", Client.basic("bob", "bob-pw")).status()).isEqualTo(200);
    assertThat(client.get("/v2/team/app/tags/list", Client.basic("jenkins", "jenkins-pw")).status()).isEqualTo(200);
  }

  @Test
  void aKnownUserWithoutTheRightIsDenied() {
    Client.Reply pull = client.get("/v2/team/app/manifests/1", Client.basic("bob", "bob-pw"));
    assertThat(pull.status()).isEqualTo(403);
    assertThat(pull.errorCode()).isEqualTo("DENIED");
    Client.Reply push = client.send("POST", "/v2/team/app/blobs/uploads/", Client.basic("bob", "bob-pw"), new byte[0]);
    assertThat(push.status()).isEqualTo(403);
    assertThat(push.body()).contains("\"Action\":\"push\"");
    Client.Reply delete = client.send("DELETE", "/v2/team/app/manifests/1", Client.basic("jenkins", "jenkins-pw"), new byte[0]);
    assertThat(delete.errorCode()).isEqualTo("DENIED");
    assertThat(client.send("POST", "/v2/bob/new/blobs/uploads/", Client.basic("bob", "bob-pw"), new byte[0]).status())
        .isEqualTo(202);
  }

  @Test
  void anonymousCallersPullOnlyWhereTheRulesSay() {
    assertThat(client.get("/v2/public/a/manifests/1", null).status()).isEqualTo(200);
    // Some clients send an empty user and password when they have none.
    assertThat(client.get("/v2/public/a/manifests/1", "Basic Og==").status()).isEqualTo(200);
    assertThat(client.get("/v2/public/a/manifests/1", Client.basic("bob", "bob-pw")).status()).isEqualTo(200);
    Client.Reply team = client.get("/v2/team/app/manifests/1", null);
    assertThat(team.status()).isEqualTo(401);
    assertThat(team.header("WWW-Authenticate")).isEqualTo("Basic realm=\"test-realm\"");
    assertThat(client.send("POST", "/v2/public/a/blobs/uploads/", null, new byte[0]).status()).isEqualTo(401);
    assertThat(client.get("/v2/_catalog", null).status()).isEqualTo(401);
  }

  @Test
  void theCatalogListsWhatEachUserMayPull() {
    assertThat(client.get("/v2/_catalog", Client.basic("bob", "bob-pw")).body())
        .isEqualTo("{\"repositories\":[\"bob/x\",\"public/a\"]}");
    // Other tests of the class push under team/ and alice/: only what must (not) be there is checked.
    assertThat(client.get("/v2/_catalog", Client.basic("jenkins", "jenkins-pw")).body())
        .contains("\"public/a\"", "\"team/app\"").doesNotContain("bob/", "alice/");
    Client.Reply page = client.get("/v2/_catalog?n=1&last=alice%2Fz", Client.basic("alice", "alice-pw"));
    assertThat(page.body()).isEqualTo("{\"repositories\":[\"bob/x\"]}");
    assertThat(page.header("Link")).endsWith("/v2/_catalog?n=1&last=bob%2Fx>; rel=\"next\"");
    assertThat(client.get("/v1/search?q=a", Client.basic("bob", "bob-pw")).body())
        .contains("public/a").doesNotContain("team/app");
  }

  @Test
  void failedLoginsAreLimitedPerClient() throws Exception {
    try (RegistryServer limited = RegistryServer.builder().storage(new InMemoryStorageDriver())
        .authorizer(HtpasswdAuthorizer.builder().users(Htpasswd.load(fixture.users())).failureLimit(3, Duration.ofMinutes(10)).build())
        .build().start()) {
      Client c = new Client(limited.uri(), null);
      for (int i = 0; i < 3; i++) {
        assertThat(c.get("/v2/", Client.basic("alice", "guess" + i)).status()).isEqualTo(401);
      }
      Client.Reply refused = c.get("/v2/", Client.basic("alice", "alice-pw"));
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.errorCode()).isEqualTo("TOOMANYREQUESTS");
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 200L);
    }
  }

  @Test
  void skopeoPushesAndPullsWithCredentialsOverTls() throws Exception {
    Command skopeo = Command.skopeo(tmp.resolve("skopeo"));
    Path certs = fixture.certDir();
    Path layout = tmp.resolve("layout");
    Digest index = TestLayouts.write(layout, "1.0", new Random(7), 3000).index();
    String image = "docker://" + server.hostAndPort() + "/team/multi:1.0";

    skopeo.run("copy", "--all", "--preserve-digests", "--dest-cert-dir", certs.toString(),
        "--dest-creds", "jenkins:jenkins-pw", "oci:" + layout + ":1.0", image).ok();
    assertThat(server.registry().repository("team/multi").manifests().get(Reference.parse("1.0")).orElseThrow().digest())
        .isEqualTo(index);
    Path out = tmp.resolve("pulled");
    skopeo.run("copy", "--all", "--preserve-digests", "--src-cert-dir", certs.toString(),
        "--src-creds", "jenkins:jenkins-pw", image, "oci:" + out + ":copy").ok();
    assertThat(TestLayouts.digestOf(out, "copy")).isEqualTo(index);

    Command.Result denied = skopeo.run("copy", "--all", "--dest-cert-dir", certs.toString(),
        "--dest-creds", "bob:bob-pw", "oci:" + layout + ":1.0", "docker://" + server.hostAndPort() + "/team/other:1");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.output()).contains("403");
    Command.Result wrong = skopeo.run("inspect", "--raw", "--cert-dir", certs.toString(),
        "--creds", "jenkins:wrong", image);
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.output()).containsIgnoringCase("unauthorized");
  }

  @Test
  void jibPushesAndPullsWithCredentials() throws Exception {
    Path file = Files.write(tmp.resolve("app.bin"), new byte[] {1, 2, 3, 4});
    JibContainer pushed = Jib.fromScratch()
        .addFileEntriesLayer(FileEntriesLayer.builder().addEntry(file, AbsoluteUnixPath.get("/app.bin")).build())
        .containerize(fixture.jibTarget(server.hostAndPort() + "/team/jib:1", "jenkins", "jenkins-pw"));
    Digest digest = Digest.parse(pushed.getDigest().toString());
    assertThat(server.registry().repository("team/jib").manifests().get(Reference.of(digest))).isPresent();

    JibContainer copied = Jib.from(RegistryImage.named(server.hostAndPort() + "/team/jib@" + digest)
            .addCredential("alice", "alice-pw"))
        .containerize(fixture.jibTarget(server.hostAndPort() + "/alice/copy:1", "alice", "alice-pw"));
    assertThat(server.registry().repository("alice/copy").manifests()
        .get(Reference.of(Digest.parse(copied.getDigest().toString())))).isPresent();
  }
}
