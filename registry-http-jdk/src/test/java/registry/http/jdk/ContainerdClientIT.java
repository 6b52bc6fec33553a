package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Repository;
import registry.testkit.peers.Peers;
import registry.http.jdk.auth.Command;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * containerd, a real client daemon: a private {@code containerd} (own root, state, socket and
 * config in a temporary directory, no CRI) driven by {@code ctr} against a registry on filesystem
 * storage over plain HTTP. A multi-platform OCI layout is imported, pushed, removed and pulled
 * back with identical digests, and pulled again through a {@code hosts.toml} mirror.
 */
class ContainerdClientIT {

  @TempDir
  static Path tmp;

  static Process daemon;
  static Command ctr;
  static RegistryServer server;
  static TestLayouts.Written written;

  @BeforeAll
  static void start() throws Exception {
    Path containerd = Peers.require("containerd", "containerd");
    Peers.require("ctr", "containerd");
    requireRoot();
    Path dir = tmp.resolve("containerd");
    Files.createDirectories(dir);
    // Only what pulling and pushing need: no CRI, no snapshotters that probe the kernel or
    // filesystem, no opt directory under /opt, no debug or metrics listeners.
    Path config = Files.writeString(dir.resolve("config.toml"), """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.internal.v1.opt",
          "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
          "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs",
          "io.containerd.snapshotter.v1.overlayfs", "io.containerd.tracing.processor.v1.otlp",
          "io.containerd.internal.v1.tracing"]
        # Each test works in its own namespace; isolated, a pull there fetches every blob from
        # the registry instead of reusing what another namespace already holds.
        [plugins."io.containerd.metadata.v1.bolt"]
          content_sharing_policy = "isolated"
        [grpc]
          address = "%1$s/containerd.sock"
        [ttrpc]
          address = "%1$s/containerd.sock.ttrpc"
        [debug]
          address = ""
        [metrics]
          address = ""
        """.formatted(dir));
    daemon = new ProcessBuilder(containerd.toString(), "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("containerd.log").toFile()).start();
    Path socket = dir.resolve("containerd.sock");
    for (int i = 0; i < 100 && !Files.exists(socket); i++) {
      assertThat(daemon.isAlive()).as("containerd exited:\n%s", log(dir)).isTrue();
      Thread.sleep(100);
    }
    assertThat(socket).as("containerd socket after 10 s:\n%s", log(dir)).exists();
    // native: unpacking copies files instead of mounting overlays, which a container may forbid.
    ctr = new Command("ctr", "containerd", tmp.resolve("ctr"),
        Map.of("CONTAINERD_ADDRESS", socket.toString(), "CONTAINERD_SNAPSHOTTER", "native"));
    System.out.println("client: " + ctr.run("--version").ok().output().strip());

    server = RegistryServer.builder().storage(FilesystemStorageDriver.create(tmp.resolve("storage"))).build().start();
    Path layout = tmp.resolve("layout");
    written = TestLayouts.write(layout, "1.0", new Random(15));
    Files.write(tmp.resolve("layout.tar"), Tar.of(layout));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (daemon != null) {
      daemon.destroy();
      if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void pushesAnImportedIndexAndPullsItBackWithAllPlatforms() throws Exception {
    String base = server.hostAndPort() + "/team/ctr";
    String name = base + ":1.0";
    // The layout names its index "1.0"; --base-name makes that a full reference.
    ctr.run("-n", "push", "images", "import", "--all-platforms", "--base-name", base,
        tmp.resolve("layout.tar").toString()).ok();
    assertThat(imageDigest("push", name)).isEqualTo(written.index());

    ctr.run("-n", "push", "images", "push", "--plain-http", name).ok();
    var manifests = server.registry().repository("team/ctr").manifests();
    assertThat(manifests.get(Reference.parse("1.0")).orElseThrow().digest()).isEqualTo(written.index());
    for (Digest m : written.manifests()) {
      assertThat(manifests.get(Reference.of(m))).as(m.toString()).isPresent();
    }

    ctr.run("-n", "pull", "images", "pull", "--plain-http", "--all-platforms", name).ok();
    assertThat(imageDigest("pull", name)).isEqualTo(written.index());
    for (Digest m : written.manifests()) {
      byte[] pulled = ctr.run("-n", "pull", "content", "get", m.toString()).ok().output().getBytes(StandardCharsets.UTF_8);
      assertThat(Digest.sha256(pulled)).isEqualTo(m);
    }
  }

  @Test
  void pullsThroughAHostsTomlMirror() throws Exception {
    seed("mirrored/app", "2.0");
    Path hosts = tmp.resolve("hosts.d");
    Files.createDirectories(hosts.resolve("docker.io"));
    // The upstream is a closed loopback port, so a pull that ignored the mirror fails here
    // instead of reaching the Internet.
    Files.writeString(hosts.resolve("docker.io/hosts.toml"), """
        server = "http://127.0.0.1:9"

        [host."http://%s"]
          capabilities = ["pull", "resolve"]
        """.formatted(server.hostAndPort()));
    String name = "docker.io/mirrored/app:2.0";
    ctr.run("-n", "mirror", "images", "pull", "--hosts-dir", hosts.toString(), name).ok();
    assertThat(imageDigest("mirror", name)).isEqualTo(written.index());
  }

  /** Stores the layout's index and everything it references in-process, tagged {@code tag}. */
  private static void seed(String repository, String tag) throws IOException {
    Repository r = server.registry().repository(repository);
    Path layout = tmp.resolve("layout");
    try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path blob : (Iterable<Path>) blobs::iterator) {
        try (var in = Files.newInputStream(blob)) {
          r.blobs().put(in, Digest.parse("sha256:" + blob.getFileName()));
        }
      }
    }
    for (Digest m : written.manifests()) {
      r.manifests().put(Reference.of(m), TestLayouts.blob(layout, m), MediaTypes.OCI_MANIFEST);
    }
    r.manifests().put(Reference.parse(tag), TestLayouts.blob(layout, written.index()), MediaTypes.OCI_INDEX);
  }

  private static Digest imageDigest(String namespace, String name) throws IOException, InterruptedException {
    for (String line : ctr.run("-n", namespace, "images", "ls").ok().output().lines().toList()) {
      List<String> columns = List.of(line.trim().split("\\s+"));
      if (columns.get(0).equals(name)) {
        return Digest.parse(columns.get(2));
      }
    }
    throw new AssertionError("no image " + name + " in ctr images ls");
  }

  /** A private containerd needs root (rootless needs a user namespace set up outside the test). */
  private static void requireRoot() throws IOException {
    String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: ?").split("\\s+")[1];
    if (!uid.equals("0")) {
      String message = "containerd runs as root in this test; uid is " + uid;
      if (Boolean.getBoolean("registry.requirePeers")) {
        throw new AssertionError(message + " (required: registry.requirePeers=true)");
      }
      Assumptions.abort(message);
    }
  }

  private static String log(Path dir) throws IOException {
    Path log = dir.resolve("containerd.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
