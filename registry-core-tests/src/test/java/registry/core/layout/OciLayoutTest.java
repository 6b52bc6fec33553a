package registry.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;

/** Import and export of OCI image layouts: round trips, indexes, refusals, progress. */
class OciLayoutTest {

  private final Random random = new Random(7);
  private final Registry source = Registry.builder().storage(new InMemoryStorageDriver()).build();
  private final Registry target = Registry.builder().storage(new InMemoryStorageDriver()).build();
  private final Repository app = source.repository("team/app");
  private final Repository copy = target.repository("copy/app");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"layout", "layout.tar", "layout.tar.gz"})
  void roundTripKeepsEveryDigest(String name) throws IOException {
    TestImages.Image image = TestImages.ociImage(random, 3, 10_000);
    Manifest pushed = image.pushTo(app, "1.0");

    Manifest exported = OciLayout.export(app, Reference.parse("1.0"), dir.resolve(name), Progress.NONE);
    Manifest imported = OciLayout.importInto(copy, dir.resolve(name), "1.0", Progress.NONE);

    assertThat(exported.digest()).isEqualTo(pushed.digest());
    assertThat(imported.digest()).isEqualTo(pushed.digest());
    assertThat(copy.manifests().get(Reference.parse("1.0")).orElseThrow().bytes()).isEqualTo(pushed.bytes());
    assertSameBlobs(image, copy);
    // And back out of the second registry: the same layout, byte for byte.
    OciLayout.export(copy, Reference.parse("1.0"), dir.resolve("again-" + name), Progress.NONE);
    if (!name.endsWith(".gz")) {
      assertThat(tree(dir.resolve("again-" + name))).isEqualTo(tree(dir.resolve(name)));
    }
  }

  @Test
  void multiPlatformIndexIsCopiedWhole() throws IOException {
    TestImages.Image amd64 = TestImages.ociImage(random, 2, 1000);
    TestImages.Image arm64 = TestImages.dockerImage(random, 1, 1000);
    amd64.pushTo(app, amd64.digest().toString());
    arm64.pushTo(app, arm64.digest().toString());
    Manifest index = app.manifests().put(Reference.parse("multi"), TestImages.index(List.of(amd64, arm64)),
        MediaTypes.OCI_INDEX);

    OciLayout.export(app, Reference.parse("multi"), dir.resolve("multi.tar"), Progress.NONE);
    Manifest imported = OciLayout.importInto(copy, dir.resolve("multi.tar"), "2", Progress.NONE);

    assertThat(imported.digest()).isEqualTo(index.digest());
    assertThat(imported.isIndex()).isTrue();
    for (TestImages.Image image : List.of(amd64, arm64)) {
      assertThat(copy.manifests().get(Reference.of(image.digest()))).isPresent();
      assertSameBlobs(image, copy);
    }
  }

  @Test
  void severalUnnamedImagesImportAsTheIndexJsonItself() throws IOException {
    TestImages.Image one = TestImages.ociImage(random, 1, 100);
    TestImages.Image two = TestImages.ociImage(random, 1, 100);
    Path layout = dir.resolve("two");
    OciLayout.export(pushed(one, "a"), Reference.of(one.digest()), layout, Progress.NONE);
    OciLayout.export(pushed(two, "b"), Reference.of(two.digest()), layout, Progress.NONE);

    Manifest imported = OciLayout.importInto(copy, layout, "both", Progress.NONE);

    assertThat(imported.isIndex()).isTrue();
    assertThat(imported.manifests()).extracting(Descriptor::digest).containsExactly(one.digest(), two.digest());
    assertThat(imported.bytes()).isEqualTo(Files.readAllBytes(layout.resolve("index.json")));
  }

  @Test
  void theEntryNamedLikeTheTagIsChosen() throws IOException {
    TestImages.Image one = TestImages.ociImage(random, 1, 100);
    TestImages.Image two = TestImages.ociImage(random, 1, 100);
    one.pushTo(app, "1");
    two.pushTo(app, "2");
    Path layout = dir.resolve("named");
    OciLayout.export(app, Reference.parse("1"), layout, Progress.NONE);
    OciLayout.export(app, Reference.parse("2"), layout, Progress.NONE);
    OciLayout.export(app, Reference.parse("2"), layout, Progress.NONE);  // replaces, never duplicates

    assertThat(OciLayout.importInto(copy, layout, "2", Progress.NONE).digest()).isEqualTo(two.digest());
    assertThat(OciLayout.importInto(copy, layout, "1", Progress.NONE).digest()).isEqualTo(one.digest());
    assertThat(Files.readString(layout.resolve("index.json")))
        .containsOnlyOnce("\"" + OciLayout.REF_NAME_ANNOTATION + "\" : \"2\"");
  }

  @Test
  void aLayerServedElsewhereTravelsAsItsDescriptorOnly() throws IOException {
    TestImages.Image template = TestImages.ociImage(random, 1, 100);
    TestImages.Blob elsewhere = TestImages.Blob.random(random, 200);
    String foreign = elsewhere.descriptorJson("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + template.config().descriptorJson(MediaTypes.OCI_CONFIG) + ",\"layers\":["
        + template.layers().get(0).descriptorJson("application/vnd.oci.image.layer.v1.tar") + ","
        + foreign.substring(0, foreign.length() - 1) + ",\"urls\":[\"https://example.com/l\"]}]}";
    TestImages.Image image = new TestImages.Image(template.config(), template.layers(),
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
    image.pushTo(app, "windows");
    Path layout = dir.resolve("foreign");

    OciLayout.export(app, Reference.parse("windows"), layout, Progress.NONE);
    assertThat(layout.resolve("blobs/sha256/" + elsewhere.digest().hex())).doesNotExist();
    Manifest imported = OciLayout.importInto(copy, layout, "windows", Progress.NONE);
    assertThat(imported.digest()).isEqualTo(image.digest());
    assertThat(copy.blobs().stat(template.layers().get(0).digest())).isPresent();
  }

  @Test
  void corruptBlobIsRefusedAndLeavesNoTag() throws IOException {
    TestImages.Image image = TestImages.ociImage(random, 2, 5000);
    image.pushTo(app, "1");
    Path layout = dir.resolve("corrupt");
    OciLayout.export(app, Reference.parse("1"), layout, Progress.NONE);
    Path layer = layout.resolve("blobs/sha256/" + image.layers().get(1).digest().hex());
    byte[] bytes = Files.readAllBytes(layer);
    bytes[100] ^= 1;
    Files.write(layer, bytes);

    assertThatThrownBy(() -> OciLayout.importInto(copy, layout, "1", Progress.NONE))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
    assertThat(copy.manifests().get(Reference.parse("1"))).isEmpty();
    assertThat(copy.tags().list(-1, Optional.empty()).items()).isEmpty();
    assertThat(copy.blobs().stat(image.layers().get(1).digest())).isEmpty();
  }

  @Test
  void missingOrResizedBlobsAreRefusedByName() throws IOException {
    TestImages.Image image = TestImages.ociImage(random, 1, 5000);
    image.pushTo(app, "1");
    Path layout = dir.resolve("broken");
    OciLayout.export(app, Reference.parse("1"), layout, Progress.NONE);
    Path layer = layout.resolve("blobs/sha256/" + image.layers().get(0).digest().hex());

    Files.write(layer, new byte[10]);
    assertRefused(layout, ErrorCode.SIZE_INVALID, layer.getFileName().toString());
    Files.delete(layer);
    assertRefused(layout, ErrorCode.MANIFEST_BLOB_UNKNOWN, "lacks blobs/sha256/" + layer.getFileName());
    Files.delete(layout.resolve("oci-layout"));
    assertRefused(layout, ErrorCode.MANIFEST_INVALID, "lacks oci-layout");
  }

  @Test
  void reportsProgressPerBlobAndSkipsWhatTheRegistryHas() throws IOException {
    TestImages.Image image = TestImages.ociImage(random, 2, 3000);
    image.pushTo(app, "1");
    Path tar = dir.resolve("app.tar");
    List<String> exported = new ArrayList<>();
    OciLayout.export(app, Reference.parse("1"), tar, (blob, copied, total) -> exported.add(copied + "/" + total));
    assertThat(exported).containsSubsequence("0/3000", "3000/3000", "0/3000", "3000/3000");

    List<String> first = new ArrayList<>();
    OciLayout.importInto(copy, tar, "1", (blob, copied, total) -> first.add(blob.digest() + " " + copied));
    assertThat(first).contains(image.layers().get(0).digest() + " 0", image.layers().get(0).digest() + " 3000");

    List<String> again = new ArrayList<>();
    OciLayout.importInto(target.repository("other"), tar, "1", (blob, copied, total) -> again.add(copied + "/" + total));
    // Already in the registry: linked, not copied, and reported done at once.
    assertThat(again).doesNotContain("0/3000");
  }

  @Test
  void exportsToAStream() throws IOException {
    TestImages.Image image = TestImages.ociImage(random, 1, 700);
    image.pushTo(app, "1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OciLayout.exportTar(app, Reference.parse("1"), out, Progress.NONE);
    Path tar = Files.write(dir.resolve("streamed.tar"), out.toByteArray());

    assertThat(OciLayout.importInto(copy, tar, null, Progress.NONE).digest()).isEqualTo(image.digest());
    assertThat(copy.tags().list(-1, Optional.empty()).items()).isEmpty();
  }

  @Test
  void exportOfAnUnknownTagIsManifestUnknown() {
    assertThatThrownBy(() -> OciLayout.export(app, Reference.parse("nope"), dir.resolve("x"), Progress.NONE))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN));
    assertThat(dir.resolve("x")).doesNotExist();
  }

  private Repository pushed(TestImages.Image image, String repository) throws IOException {
    Repository r = source.repository(repository);
    image.pushTo(r, image.digest().toString());
    return r;
  }

  private void assertRefused(Path layout, ErrorCode code, String message) {
    assertThatThrownBy(() -> OciLayout.importInto(copy, layout, "1", Progress.NONE))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
    assertThat(uncheckedTags()).isEmpty();
  }

  private List<String> uncheckedTags() {
    try {
      return copy.tags().list(-1, Optional.empty()).items();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void assertSameBlobs(TestImages.Image image, Repository repository) throws IOException {
    List<TestImages.Blob> all = new ArrayList<>(image.layers());
    all.add(image.config());
    for (TestImages.Blob blob : all) {
      try (var in = repository.blobs().open(blob.digest(), 0)) {
        assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(blob.digest());
      }
    }
  }

  /** A directory's files with their contents, or a file's bytes, for comparing two exports. */
  private static List<String> tree(Path p) throws IOException {
    List<String> out = new ArrayList<>();
    if (Files.isRegularFile(p)) {
      out.add(Digest.sha256(Files.readAllBytes(p)).toString());
      return out;
    }
    try (var files = Files.walk(p)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(f)) {
          out.add(p.relativize(f) + " " + Digest.sha256(Files.readAllBytes(f)));
        }
      }
    }
    return out;
  }
}
