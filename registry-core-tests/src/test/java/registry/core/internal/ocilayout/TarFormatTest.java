package registry.core.internal.ocilayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.testkit.peers.Peers;

/** Our tar writer and reader against each other and against GNU tar, in its three formats. */
class TarFormatTest {

  private static final String LONG_SPLITTABLE = "blobs/sha512/" + "a".repeat(95);
  private static final String LONG_UNSPLITTABLE = "blobs/sha512/" + "b".repeat(128);

  @TempDir
  Path dir;

  @Test
  void readsWhatItWritesIncludingNamesUstarCannotHold() throws IOException {
    Path tar = dir.resolve("t.tar");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter w = new TarWriter(out)) {
      w.directory("blobs");
      w.file("index.json", bytes("{}"));
      w.file(LONG_SPLITTABLE, bytes("split"));
      w.file(LONG_UNSPLITTABLE, bytes("pax"));
      w.file("empty", new byte[0]);
      w.file("block", new byte[512]);
      w.finish();
    }
    Files.write(tar, out.toByteArray());
    assertThat(out.size() % 512).isZero();

    try (TarSource source = TarSource.open(tar, false)) {
      assertThat(read(source, "index.json")).isEqualTo("{}");
      assertThat(read(source, LONG_SPLITTABLE)).isEqualTo("split");
      assertThat(read(source, LONG_UNSPLITTABLE)).isEqualTo("pax");
      assertThat(read(source, "empty")).isEmpty();
      assertThat(source.size("block")).hasValue(512);
      assertThat(source.size("blobs")).isEmpty();  // directories are not files
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "pax", "ustar"})
  void readsGnuTarArchives(String format) throws Exception {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("blobs/sha256"));
    String longName = "blobs/sha256/" + "c".repeat(format.equals("ustar") ? 80 : 140);
    Files.writeString(tree.resolve(longName), "long");
    Files.writeString(tree.resolve("index.json"), "{\"x\":1}");
    Files.write(tree.resolve("blobs/sha256/big"), new byte[70_000]);
    Files.createSymbolicLink(tree.resolve("link"), tree.resolve("index.json"));
    Path tar = dir.resolve(format + ".tar");
    Process p = new ProcessBuilder(Peers.require("tar", "tar").toString(), "--format=" + format, "-cf",
        tar.toString(), "-C", tree.toString(), ".").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();

    try (TarSource source = TarSource.open(tar, false)) {
      // GNU tar writes "./index.json": names are normalized.
      assertThat(read(source, "index.json")).isEqualTo("{\"x\":1}");
      assertThat(read(source, longName)).isEqualTo("long");
      assertThat(source.size("blobs/sha256/big")).hasValue(70_000);
      assertThat(source.size("link")).isEmpty();  // links are never followed
    }
  }

  @Test
  void refusesWhatIsNoTar() throws IOException {
    Path junk = Files.write(dir.resolve("junk.tar"), bytes("not a tar archive, just text ".repeat(40)));
    assertThatThrownBy(() -> TarSource.open(junk, false)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a tar archive");
  }

  @Test
  void refusesATruncatedArchive() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter w = new TarWriter(out);
    w.file("blob", new byte[5000]);
    w.finish();
    Path tar = Files.write(dir.resolve("cut.tar"), java.util.Arrays.copyOf(out.toByteArray(), 2048));
    assertThatThrownBy(() -> TarSource.open(tar, false)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
  }

  @Test
  void readsBase256SizesAndPaxRecords() throws IOException {
    byte[] field = new byte[12];
    field[0] = (byte) 0x80;
    field[11] = 1;
    field[10] = 2;  // 0x0201
    assertThat(TarHeader.number(field, 0, 12)).isEqualTo(0x0201);
    Map<String, String> records = TarHeader.paxRecords(bytes("18 path=blobs/x/y\n12 size=100\n"));
    assertThat(records).containsEntry("path", "blobs/x/y").containsEntry("size", "100");
    assertThatThrownBy(() -> TarHeader.paxRecords(bytes("99 path=x\n"))).isInstanceOf(IOException.class);
  }

  @Test
  void normalizesNames() {
    for (String name : List.of("./blobs/a", "/blobs/a", "blobs//a", "././blobs/a")) {
      assertThat(TarIndex.normalize(name)).isEqualTo("blobs/a");
    }
  }

  private static String read(LayoutSource source, String name) throws IOException {
    try (InputStream in = source.open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
