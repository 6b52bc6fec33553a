package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import registry.storage.fs.FilesystemStorageDriver;

/**
 * ORAS's Java SDK, a real client written independently of this registry: pushes an artifact,
 * then a second one whose {@code subject} is the first, lists the first's referrers (filtered by
 * artifact type and not), and pulls the artifact back, over plain HTTP on filesystem storage.
 */
class OrasClientTest {

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
}
