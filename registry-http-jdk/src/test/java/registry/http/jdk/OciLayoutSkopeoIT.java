package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Repository;
import registry.core.layout.OciLayout;
import registry.core.layout.Progress;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;
import registry.http.jdk.junit.RegistryExtension;

/**
 * OCI image layouts against skopeo, a real writer and reader of them: what skopeo writes from
 * our server imports with the same digests, and what we export skopeo reads and pushes back.
 */
class OciLayoutSkopeoIT {

  @RegisterExtension
  static final RegistryExtension registry = RegistryExtension.of(
      RegistryServer.builder().storage(new InMemoryStorageDriver()).build());

  @TempDir
  static Path work;

  private static Skopeo skopeo;
  private static Manifest multi;
  private static Manifest single;

  @BeforeAll
  static void seed() throws Exception {
    skopeo = new Skopeo(work.resolve("skopeo"));
    Random random = new Random(11);
    Repository source = registry.registry().repository("source/app");
    TestImages.Image amd64 = gzipImage(random, 2);
    TestImages.Image arm64 = gzipImage(random, 1);
    amd64.pushTo(source, amd64.digest().toString());
    arm64.pushTo(source, arm64.digest().toString());
    multi = source.manifests().put(Reference.parse("multi"), TestImages.index(List.of(amd64, arm64)), MediaTypes.OCI_INDEX);
    single = gzipImage(random, 1).pushTo(source, "single");
  }

  /**
   * An image whose layers really are gzip, as their media type says: skopeo compresses a layer
   * it finds uncompressed, which would change the manifest and its digest.
   */
  private static TestImages.Image gzipImage(Random random, int layers) throws IOException {
    TestImages.Image raw = TestImages.ociImage(random, layers, 3000);
    List<TestImages.Blob> gzipped = new ArrayList<>();
    String manifest = new String(raw.manifest(), StandardCharsets.UTF_8);
    for (TestImages.Blob layer : raw.layers()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(layer.bytes());
      }
      TestImages.Blob g = TestImages.Blob.of(out.toByteArray());
      gzipped.add(g);
      manifest = manifest.replace("\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.bytes().length,
          "\"digest\":\"" + g.digest() + "\",\"size\":" + g.bytes().length);
    }
    return new TestImages.Image(raw.config(), gzipped, manifest.getBytes(StandardCharsets.UTF_8), raw.mediaType());
  }

  @Test
  void importsTheLayoutDirectorySkopeoWrites() throws Exception {
    Path layout = work.resolve("skopeo-dir");
    skopeo.run("copy", "--all", "--src-tls-verify=false", docker("source/app:multi"), "oci:" + layout + ":v1").ok();

    Repository into = registry.registry().repository("imported/dir");
    Manifest imported = OciLayout.importInto(into, layout, "v1", Progress.NONE);

    assertThat(imported.digest()).isEqualTo(multi.digest());
    for (var child : multi.manifests()) {
      assertThat(into.manifests().get(Reference.of(child.digest()))).isPresent();
    }
  }

  @Test
  void importsTheArchiveSkopeoWrites() throws Exception {
    Path archive = work.resolve("skopeo.tar");
    skopeo.run("copy", "--src-tls-verify=false", docker("source/app:single"), "oci-archive:" + archive + ":v1").ok();

    Repository into = registry.registry().repository("imported/tar");
    Manifest imported = OciLayout.importInto(into, archive, "v1", Progress.NONE);

    assertThat(imported.digest()).isEqualTo(single.digest());
  }

  @Test
  void skopeoReadsWhatWeExport() throws Exception {
    Repository source = registry.registry().repository("source/app");
    Path dir = work.resolve("exported-dir");
    Path tar = work.resolve("exported.tar");
    OciLayout.export(source, Reference.parse("multi"), dir, Progress.NONE);
    OciLayout.export(source, Reference.parse("single"), tar, Progress.NONE);

    skopeo.run("copy", "--all", "--dest-tls-verify=false", "oci:" + dir + ":multi", docker("back/dir:1")).ok();
    skopeo.run("copy", "--dest-tls-verify=false", "oci-archive:" + tar + ":single", docker("back/tar:1")).ok();

    assertThat(digestOf("back/dir", "1")).isEqualTo(multi.digest().toString());
    assertThat(digestOf("back/tar", "1")).isEqualTo(single.digest().toString());
  }

  private static String digestOf(String repository, String tag) throws Exception {
    return registry.registry().repository(repository).manifests().get(Reference.parse(tag)).orElseThrow()
        .digest().toString();
  }

  private static String docker(String image) {
    return "docker://" + registry.hostAndPort() + "/" + image;
  }
}
