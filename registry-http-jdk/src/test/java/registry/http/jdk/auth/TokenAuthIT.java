package registry.http.jdk.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.auth.AccessDecision;
import registry.core.auth.AccessRequest;
import registry.core.auth.Scope;
import registry.core.http.RegistryRequest;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.TestLayouts;

/**
 * The token flow with the registry as its own token server: the token endpoint grants what
 * the permissions allow, the registry answers with Bearer challenges, refuses bad tokens, and
 * skopeo and Jib push and pull through it as they do with Docker Hub.
 */
class TokenAuthIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE = "test-registry";

  @TempDir
  static Path tmp;

  static AuthFixture fixture;
  static Path certs;
  static KeyPair keys;
  static Htpasswd users;
  static Permissions permissions;
  static RegistryServer server;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    // HTTPS: Jib, like docker, sends no credentials over plain HTTP.
    fixture = AuthFixture.create(tmp);
    certs = fixture.certDir();
    users = Htpasswd.load(fixture.users());
    permissions = Permissions.parse(PermissionsTest.RULES);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    server = fixture.serve(b -> b.tokenIssuer(issuer(i -> i)), 9);
    client = fixture.client(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static TokenIssuer issuer(java.util.function.UnaryOperator<TokenIssuer.Builder> settings) {
    return settings.apply(TokenIssuer.builder().service(SERVICE).issuer("test-issuer")
        .users(users).permissions(permissions).signingKey(keys)).build();
  }

  private static String token(String authorization, String... scopes) throws Exception {
    StringBuilder query = new StringBuilder("/auth/token?service=" + SERVICE);
    for (String s : scopes) {
      query.append("&scope=").append(java.net.URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    Client.Reply r = client.get(query.toString(), authorization);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("access_token").asText()).isEqualTo(body.path("token").asText());
    return body.path("token").asText();
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  @Test
  void theTokenEndpointGrantsWhatThePermissionsAllow() throws Exception {
    Client.Reply r = client.get("/auth/token?service=" + SERVICE + "&scope=repository:team/app:pull,push"
        + "&scope=repository:bob/x:pull&account=jenkins", Client.basic("jenkins", "jenkins-pw"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("expires_in").asLong()).isEqualTo(300);
    assertThat(Instant.parse(body.path("issued_at").asText())).isBefore(Instant.now().plusSeconds(1));
    SignedJWT jwt = SignedJWT.parse(body.path("token").asText());
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("jenkins");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(SERVICE);
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("test-issuer");
    assertThat(JSON.writeValueAsString(jwt.getJWTClaimsSet().getClaim("access")))
        .isEqualTo("[{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\",\"push\"]}]");

    SignedJWT anonymous = SignedJWT.parse(token(null, "repository:public/a:pull,push", "repository:team/app:pull"));
    assertThat(JSON.writeValueAsString(anonymous.getJWTClaimsSet().getClaim("access")))
        .isEqualTo("[{\"type\":\"repository\",\"name\":\"public/a\",\"actions\":[\"pull\"]}]");

    // The OAuth2 password grant, as docker uses with refresh tokens: the answer also says what it granted.
    Client.Reply oauth = client.send("POST", "/auth/token", null, ("grant_type=password&username=jenkins"
        + "&password=jenkins-pw&service=" + SERVICE + "&client_id=test&scope=repository%3Ateam%2Fapp%3Apull"
        + "+repository%3Abob%2Fx%3Apull").getBytes(StandardCharsets.UTF_8));
    assertThat(oauth.status()).as(oauth.body()).isEqualTo(200);
    assertThat(JSON.readTree(oauth.body()).path("scope").asText()).isEqualTo("repository:team/app:pull");

    Client.Reply wrong = client.get("/auth/token?service=" + SERVICE, Client.basic("jenkins", "nope"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"" + SERVICE + "\"");
    assertThat(client.get("/auth/token?service=other", null).status()).isEqualTo(400);
    assertThat(client.get("/auth/token?service=" + SERVICE + "&scope=nonsense", null).status()).isEqualTo(400);
  }

  @Test
  void theRegistryAnswersWithBearerChallenges() throws Exception {
    String realm = "Bearer realm=\"" + server.uri() + "/auth/token\",service=\"" + SERVICE + "\"";
    Client.Reply none = client.get("/v2/team/app/manifests/1", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo(realm + ",scope=\"repository:team/app:pull\"");
    assertThat(client.get("/v2/", null).header("WWW-Authenticate")).isEqualTo(realm);

    String pullOnly = token(Client.basic("jenkins", "jenkins-pw"), "repository:team/app:pull");
    assertThat(client.get("/v2/team/app/manifests/1", bearer(pullOnly)).status()).isEqualTo(200);
    Client.Reply push = client.send("POST", "/v2/team/app/blobs/uploads/", bearer(pullOnly), new byte[0]);
    assertThat(push.status()).isEqualTo(401);
    assertThat(push.header("WWW-Authenticate"))
        .isEqualTo(realm + ",scope=\"repository:team/app:pull,push\",error=\"insufficient_scope\"");
    String pushToo = token(Client.basic("jenkins", "jenkins-pw"), "repository:team/app:pull,push");
    assertThat(client.send("POST", "/v2/team/app/blobs/uploads/", bearer(pushToo), new byte[0]).status()).isEqualTo(202);
    assertThat(client.get("/v2/", bearer(pullOnly)).status()).isEqualTo(200);
  }

  @Test
  void refusesExpiredBadlySignedAndForeignTokens() throws Exception {
    List<String> scopes = List.of("repository:team/app:pull");
    Instant hourAgo = Instant.now().minusSeconds(3600);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    Map<String, String> bad = Map.of(
        "expired", issuer(b -> b.clock(Clock.fixed(hourAgo, ZoneOffset.UTC))).issue(Optional.of("jenkins"), parse(scopes)),
        "other key", issuer(b -> b.signingKey(g.generateKeyPair())).issue(Optional.of("jenkins"), parse(scopes)),
        "wrong audience", issuer(b -> b.service("another-registry")).issue(Optional.of("jenkins"), parse(scopes)),
        "wrong issuer", issuer(b -> b.issuer("someone-else")).issue(Optional.of("jenkins"), parse(scopes)),
        "unsigned", unsigned(issuer(b -> b).issue(Optional.of("jenkins"), parse(scopes))),
        "garbage", "not.a.token");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Client.Reply r = client.get("/v2/team/app/manifests/1", bearer(e.getValue()));
      assertThat(r.status()).as(e.getKey()).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).as(e.getKey()).endsWith(",error=\"invalid_token\"");
    }
    assertThat(client.get("/v2/team/app/manifests/1",
        bearer(issuer(b -> b).issue(Optional.of("jenkins"), parse(scopes)))).status()).isEqualTo(200);
  }

  /** The same claims with {@code alg: none} and no signature. */
  private static String unsigned(String token) {
    String header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + token.split("\\.")[1] + ".";
  }

  private static List<Scope> parse(List<String> scopes) {
    return scopes.stream().map(Scope::parse).toList();
  }

  @Test
  void theCatalogListsWhatTheTokensSubjectMayPull() throws Exception {
    String bob = token(Client.basic("bob", "bob-pw"), "registry:catalog:*");
    assertThat(client.get("/v2/_catalog", bearer(bob)).body()).isEqualTo("{\"repositories\":[\"bob/x\",\"public/a\"]}");
    String anonymous = token(null, "registry:catalog:*");
    assertThat(client.get("/v2/_catalog", bearer(anonymous)).status()).isEqualTo(401);
  }

  @Test
  void skopeoPushesAndPullsThroughTheTokenFlow() throws Exception {
    Command skopeo = Command.skopeo(tmp.resolve("skopeo"));
    Path layout = tmp.resolve("layout");
    Digest index = TestLayouts.write(layout, "1.0", new Random(8), 3000).index();
    String image = "docker://" + server.hostAndPort() + "/team/multi:1.0";
    skopeo.run("copy", "--all", "--preserve-digests", "--dest-cert-dir", certs.toString(),
        "--dest-creds", "jenkins:jenkins-pw", "oci:" + layout + ":1.0", image).ok();
    assertThat(server.registry().repository("team/multi").manifests().get(Reference.parse("1.0")).orElseThrow().digest())
        .isEqualTo(index);
    Path out = tmp.resolve("pulled");
    skopeo.run("copy", "--all", "--preserve-digests", "--src-cert-dir", certs.toString(),
        "--src-creds", "jenkins:jenkins-pw", image, "oci:" + out + ":copy").ok();
    assertThat(TestLayouts.digestOf(out, "copy")).isEqualTo(index);
    // Anonymous: a token for what anyone may do.
    skopeo.run("inspect", "--raw", "--cert-dir", certs.toString(), "--no-creds",
        "docker://" + server.hostAndPort() + "/public/a:1").ok();
    Command.Result anonymousPush = skopeo.run("copy", "--all", "--dest-cert-dir", certs.toString(), "--dest-no-creds",
        "oci:" + layout + ":1.0", "docker://" + server.hostAndPort() + "/public/b:1");
    assertThat(anonymousPush.exitCode()).isNotZero();
  }

  @Test
  void jibPushesAndPullsThroughTheTokenFlow() throws Exception {
    Path file = Files.write(tmp.resolve("app.bin"), new byte[] {5, 6, 7});
    JibContainer pushed = Jib.fromScratch()
        .addFileEntriesLayer(FileEntriesLayer.builder().addEntry(file, AbsoluteUnixPath.get("/app.bin")).build())
        .containerize(fixture.jibTarget(server.hostAndPort() + "/team/jib:1", "jenkins", "jenkins-pw"));
    Digest digest = Digest.parse(pushed.getDigest().toString());
    JibContainer copied = Jib.from(RegistryImage.named(server.hostAndPort() + "/team/jib@" + digest)
            .addCredential("alice", "alice-pw"))
        .containerize(fixture.jibTarget(server.hostAndPort() + "/alice/copy:1", "alice", "alice-pw"));
    assertThat(server.registry().repository("alice/copy").manifests()
        .get(Reference.of(Digest.parse(copied.getDigest().toString())))).isPresent();
  }

  @Test
  void trustsKeysFromARootCertBundleOrAJwkSet() throws Exception {
    TestPki tokenPki = TestPki.create(tmp.resolve("token-pki"), "token", "EC");
    TokenIssuer certified = TokenIssuer.builder().service(SERVICE).issuer("test-issuer").users(users)
        .permissions(permissions).signingKey(tokenPki.privateKey(), tokenPki.certificate()).build();
    String token = certified.issue(Optional.of("jenkins"), List.of(Scope.parse("repository:team/app:pull")));
    assertThat(SignedJWT.parse(token).getHeader().getX509CertChain()).hasSize(1);

    TokenAuthorizer byBundle = TokenAuthorizer.builder().realm("https://auth.example/token").service(SERVICE)
        .issuer("test-issuer").rootCertBundle(tokenPki.cert()).build();
    Path jwks = Files.writeString(tmp.resolve("jwks.json"), new JWKSet(
        new ECKey.Builder(Curve.P_256, (ECPublicKey) tokenPki.certificate().getPublicKey()).keyID("k1").build()).toString());
    TokenAuthorizer byJwks = TokenAuthorizer.builder().realm("https://auth.example/token").service(SERVICE)
        .issuer("test-issuer").jwks(jwks).build();
    TokenAuthorizer other = TokenAuthorizer.builder().realm("https://auth.example/token").service(SERVICE)
        .issuer("test-issuer").trust(keys.getPublic()).build();
    for (TokenAuthorizer auth : List.of(byBundle, byJwks)) {
      assertThat(decide(auth, token)).as(auth.toString()).isInstanceOf(AccessDecision.Allowed.class);
    }
    assertThat(decide(other, token)).isInstanceOf(AccessDecision.Challenged.class);
  }

  private static AccessDecision decide(TokenAuthorizer auth, String token) {
    RegistryRequest request = RegistryRequest.builder("GET", "/v2/team/app/manifests/1")
        .header("Authorization", "Bearer " + token).build();
    return auth.authorize(new AccessRequest(request, List.of(Scope.parse("repository:team/app:pull")),
        URI.create("http://127.0.0.1:5000")));
  }
}
