package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.ManifestDescriptor;
import land.oras.Registry;
import land.oras.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.auth.Scope;
import registry.http.jdk.auth.AuthFixture;
import registry.http.jdk.auth.Htpasswd;
import registry.http.jdk.auth.TokenIssuer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * ORAS's Java SDK, a real client written independently of this registry: pushes an artifact,
 * then a second one whose {@code subject} is the first, lists the first's referrers (filtered by
 * artifact type and not), and pulls the artifact back, over plain HTTP on filesystem storage; and
 * pushes through the registry's own token realm.
 */
class OrasClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "application/vnd.example.app";
  private static final String SBOM = "application/vnd.example.sbom+json";

  @TempDir
  Path tmp;

  @Test
  void pushesAnArtifactWithASubjectAndListsItsReferrers() throws Exception {
    try (RegistryServer server = RegistryServer.builder()
        .storage(FilesystemStorageDriver.create(tmp.resolve("storage"))).build().start()) {
      Registry oras = Registry.builder().insecure().build();
      String host = server.hostAndPort();
      Path file = Files.writeString(tmp.resolve("app.txt"), "an artifact pushed by ORAS\n");

      ContainerRef app = ContainerRef.parse(host + "/oras/app:1");
      Manifest pushed = oras.pushArtifact(app, ArtifactType.from(APP), Annotations.empty(), Config.empty(),
          LocalPath.of(file, "text/plain"));
      Digest appDigest = server.registry().repository("oras/app").manifests().get(Reference.parse("1"))
          .orElseThrow().digest();
      assertThat(pushed.getDescriptor().getDigest()).isEqualTo(appDigest.toString());

      // The SBOM reuses the artifact's empty config blob, already in the repository.
      Layer sbomLayer = oras.pushBlob(app, "{\"packages\":[]}".getBytes(StandardCharsets.UTF_8));
      Manifest sbom = Manifest.empty().withArtifactType(ArtifactType.from(SBOM))
          .withLayers(List.of(sbomLayer.withMediaType(SBOM)))
          .withSubject(Subject.of(MediaTypes.OCI_MANIFEST, appDigest.toString(), pushed.getDescriptor().getSize()));
      Manifest sbomPushed = oras.pushManifest(app.withTag("sbom"), sbom);
      Digest sbomDigest = server.registry().repository("oras/app").manifests().get(Reference.parse("sbom"))
          .orElseThrow().digest();
      assertThat(sbomPushed.getDescriptor().getDigest()).isEqualTo(sbomDigest.toString());

      ContainerRef subject = app.withDigest(appDigest.toString());
      List<ManifestDescriptor> referrers = oras.getReferrers(subject, null).getManifests();
      assertThat(referrers).extracting(ManifestDescriptor::getDigest).containsExactly(sbomDigest.toString());
      assertThat(referrers.get(0).getArtifactType()).isEqualTo(SBOM);
      assertThat(oras.getReferrers(subject, ArtifactType.from(SBOM)).getManifests()).hasSize(1);
      assertThat(oras.getReferrers(subject, ArtifactType.from(APP)).getManifests()).isEmpty();

      Path out = Files.createDirectories(tmp.resolve("out"));
      oras.pullArtifact(app, out, true);
      assertThat(out.resolve("app.txt")).hasSameTextualContentAs(file);
      assertThat(oras.getManifest(app).getDescriptor().getDigest()).isEqualTo(appDigest.toString());
      assertThat(oras.getManifest(app.withTag("sbom")).getSubject().getDigest()).isEqualTo(appDigest.toString());
    }
  }

  /**
   * ORAS 0.7.0 asks the token realm again, for a scope it already holds a token for, showing that
   * token instead of its credentials (here, for the second blob of an artifact). The realm
   * answers with a token no broader and no longer-lived than the one shown (TokenIssuer), so the
   * push goes through; a shown token never buys more access, and one that does not verify gets
   * 401 with a Basic challenge.
   */
  @Test
  void pushesThroughTheTokenRealmThatReceivesItsOldTokenBack() throws Exception {
    AuthFixture fixture = AuthFixture.create(tmp.resolve("auth"));
    TokenIssuer issuer = TokenIssuer.builder().service("oras-test").users(Htpasswd.load(fixture.users())).build();
    try (RegistryServer server = RegistryServer.builder()
        .storage(FilesystemStorageDriver.create(tmp.resolve("storage"))).tokenIssuer(issuer).build().start()) {
      String host = server.hostAndPort();
      Registry oras = Registry.builder().insecure(host, "alice", "alice-pw").build();
      Path file = Files.writeString(tmp.resolve("app.txt"), "an artifact pushed by ORAS with a token\n");
      for (String repository : List.of("alice/one", "alice/two")) {
        Manifest pushed = oras.pushArtifact(ContainerRef.parse(host + "/" + repository + ":1"), ArtifactType.from(APP),
            Annotations.empty(), Config.empty(), LocalPath.of(file, "text/plain"));
        assertThat(server.registry().repository(repository).manifests().get(Reference.parse("1")).orElseThrow()
            .digest().toString()).isEqualTo(pushed.getDescriptor().getDigest());
      }

      HttpClient http = HttpClient.newHttpClient();
      String realm = "http://" + host + TokenIssuer.DEFAULT_PATH + "?service=oras-test&scope=";
      String pullOnly = issuer.issue(Optional.of("alice"), List.of(Scope.parse("repository:alice/one:pull")));
      HttpResponse<String> renewed = http.send(HttpRequest.newBuilder(URI.create(realm + "repository:alice/one:pull,push"))
          .header("Authorization", "Bearer " + pullOnly).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(renewed.statusCode()).isEqualTo(200);
      JsonNode access = accessOf(JSON.readTree(renewed.body()).path("token").asText());
      assertThat(access.toString()).isEqualTo("[{\"type\":\"repository\",\"name\":\"alice/one\",\"actions\":[\"pull\"]}]");

      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(realm + "repository:alice/one:pull"))
          .header("Authorization", "Bearer " + pullOnly.substring(0, pullOnly.length() - 4) + "AAAA").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }
  }

  /** The {@code access} claim of a JWT, read without verifying it (the test only looks). */
  private static JsonNode accessOf(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).path("access");
  }
}
