package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.Reference;
import registry.http.jdk.auth.AuthFixture;
import registry.http.jdk.auth.Command;
import registry.http.jdk.auth.Htpasswd;
import registry.http.jdk.auth.HtpasswdAuthorizer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * podman and buildah, real CLI clients: buildah makes two small images from scratch
 * (linux/amd64, linux/arm64), and podman and buildah push them to a registry on filesystem
 * storage over plain HTTP, pull them back into a second, empty store with identical digests,
 * search it, push a multi-platform list with {@code podman manifest push --all}, and log in to an
 * HTTPS registry with htpasswd users. Everything of theirs (stores, configuration, auth file,
 * temporary files) is in a directory of the test.
 */
class PodmanClientIT {

  @TempDir
  static Path tmp;

  static RegistryServer server;
  static String host;
  /** Where images are built and pushed from. */
  static Store build;
  /** An empty store where pulls land, so every blob comes from the registry. */
  static Store pull;

  /** podman and buildah sharing one containers-storage, and configuration shared by all stores. */
  record Store(Command podman, Command buildah) {
    static Store create(Path dir, Path shared) throws IOException {
      Files.createDirectories(dir);
      // vfs: copies instead of overlay mounts, which a container may forbid.
      Path storage = Files.writeString(dir.resolve("storage.conf"), """
          [storage]
          driver = "vfs"
          graphroot = "%1$s/root"
          runroot = "%1$s/run"
          """.formatted(dir));
      Map<String, String> env = Map.of(
          "CONTAINERS_STORAGE_CONF", storage.toString(),
          "CONTAINERS_CONF", shared.resolve("containers.conf").toString(),
          "CONTAINERS_REGISTRIES_CONF", shared.resolve("registries.conf").toString(),
          "REGISTRY_AUTH_FILE", shared.resolve("auth.json").toString(),
          "TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString(),
          "XDG_RUNTIME_DIR", dir.toString());
      return new Store(new Command("podman", "podman", dir.resolve("podman"), env),
          new Command("buildah", "buildah", dir.resolve("buildah"), env));
    }

    /**
     * Every {@code repository@digest} the image of {@code reference} was pulled by. (One image,
     * pulled under several names, keeps the digest of its first pull as {@code .Digest}.)
     */
    List<String> repoDigests(String reference) throws IOException, InterruptedException {
      return podman.run("image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", reference)
          .ok().output().lines().toList();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = RegistryServer.builder().storage(FilesystemStorageDriver.create(tmp.resolve("storage"))).build().start();
    host = server.hostAndPort();
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    // Neither a systemd journal nor systemd cgroups exist in a CI container.
    Files.writeString(shared.resolve("containers.conf"), """
        [engine]
        events_logger = "file"
        cgroup_manager = "cgroupfs"
        """);
    // buildah refuses an auth file that does not exist.
    Files.writeString(shared.resolve("auth.json"), "{}");
    Files.writeString(shared.resolve("registries.conf"), """
        unqualified-search-registries = []

        [[registry]]
        location = "%s"
        insecure = true
        """.formatted(host));
    build = Store.create(tmp.resolve("build"), shared);
    pull = Store.create(tmp.resolve("pull"), shared);
    System.out.println("client: " + build.podman().run("--version").ok().output().strip());
    System.out.println("client: " + build.buildah().run("--version").ok().output().strip());

    Path context = Files.createDirectories(tmp.resolve("context"));
    for (String arch : List.of("amd64", "arm64")) {
      Files.writeString(context.resolve(arch + ".txt"), "hello from " + arch + "\n");
      Command buildah = build.buildah();
      String container = "hello-" + arch;
      buildah.run("from", "--name", container, "scratch").ok();
      buildah.run("copy", container, context.resolve(arch + ".txt").toString(), "/hello.txt").ok();
      buildah.run("config", "--arch", arch, "--os", "linux", container).ok();
      buildah.run("commit", "--format", "oci", container, "localhost/clients/hello:" + arch).ok();
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void buildahAndPodmanPushAndPodmanPullsBackTheSameDigests() throws Exception {
    Path digestFile = tmp.resolve("buildah.digest");
    build.buildah().run("push", "--digestfile", digestFile.toString(),
        "localhost/clients/hello:amd64", "docker://" + host + "/team/buildah:1").ok();
    Digest pushedByBuildah = Digest.parse(Files.readString(digestFile).strip());
    assertThat(tagged("team/buildah", "1").digest()).isEqualTo(pushedByBuildah);

    digestFile = tmp.resolve("podman.digest");
    build.podman().run("push", "--digestfile", digestFile.toString(),
        "localhost/clients/hello:arm64", host + "/team/podman:1").ok();
    Digest pushedByPodman = Digest.parse(Files.readString(digestFile).strip());
    assertThat(tagged("team/podman", "1").digest()).isEqualTo(pushedByPodman);

    pull.podman().run("pull", host + "/team/buildah:1").ok();
    assertThat(pull.repoDigests(host + "/team/buildah:1")).contains(host + "/team/buildah@" + pushedByBuildah);
    pull.podman().run("pull", "--arch", "arm64", host + "/team/podman:1").ok();
    assertThat(pull.repoDigests(host + "/team/podman:1")).contains(host + "/team/podman@" + pushedByPodman);
    assertThat(pull.podman().run("image", "inspect", "--format", "{{.Architecture}}", host + "/team/podman:1")
        .ok().output().strip()).isEqualTo("arm64");
  }

  @Test
  void searchFindsWhatWasPushed() throws Exception {
    build.podman().run("push", "localhost/clients/hello:amd64", host + "/search/needle:1").ok();
    String found = pull.podman().run("search", "--format", "{{.Name}}", host + "/needle").ok().output();
    assertThat(found.lines()).contains(host + "/search/needle");
    assertThat(pull.podman().run("search", "--format", "{{.Name}}", host + "/nothing-like-it").ok().output())
        .doesNotContain(host + "/");
  }

  @Test
  void manifestPushAllSendsAMultiPlatformList() throws Exception {
    Command podman = build.podman();
    podman.run("manifest", "create", "localhost/clients/list").ok();
    for (String arch : List.of("amd64", "arm64")) {
      podman.run("manifest", "add", "localhost/clients/list", "containers-storage:localhost/clients/hello:" + arch).ok();
    }
    Path digestFile = tmp.resolve("list.digest");
    podman.run("manifest", "push", "--all", "--digestfile", digestFile.toString(),
        "localhost/clients/list", "docker://" + host + "/team/multi:1").ok();
    Manifest list = tagged("team/multi", "1");
    assertThat(list.digest()).isEqualTo(Digest.parse(Files.readString(digestFile).strip()));
    assertThat(list.manifests()).hasSize(2);
    for (Descriptor d : list.manifests()) {
      assertThat(server.registry().repository("team/multi").manifests().get(Reference.of(d.digest()))).isPresent();
    }

    pull.podman().run("pull", "--arch", "arm64", host + "/team/multi:1").ok();
    String image = host + "/team/multi:1";
    assertThat(pull.podman().run("image", "inspect", "--format", "{{.Architecture}}", image).ok().output().strip())
        .isEqualTo("arm64");
    assertThat(pull.repoDigests(image)).contains(host + "/team/multi@" + list.digest());
  }

  @Test
  void logsInToAnHtpasswdServerOverHttps() throws Exception {
    AuthFixture fixture = AuthFixture.create(tmp.resolve("auth"));
    HtpasswdAuthorizer auth = HtpasswdAuthorizer.builder().realm("podman-realm")
        .users(Htpasswd.load(fixture.users())).build();
    try (RegistryServer tls = fixture.serve(b -> b.authorizer(auth), 15)) {
      String tlsHost = tls.hostAndPort();
      String certDir = fixture.certDir().toString();
      Command.Result refused = build.podman().run("login", "--cert-dir", certDir, "-u", "alice", "-p", "wrong", tlsHost);
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.output()).contains("invalid username/password");

      build.podman().run("login", "--cert-dir", certDir, "-u", "alice", "-p", "alice-pw", tlsHost).ok();
      Path digestFile = tmp.resolve("login.digest");
      build.podman().run("push", "--cert-dir", certDir, "--digestfile", digestFile.toString(),
          "localhost/clients/hello:amd64", tlsHost + "/alice/podman:1").ok();
      Digest pushed = Digest.parse(Files.readString(digestFile).strip());
      assertThat(tls.registry().repository("alice/podman").manifests().get(Reference.parse("1")).orElseThrow().digest())
          .isEqualTo(pushed);
      pull.podman().run("pull", "--cert-dir", certDir, tlsHost + "/alice/podman:1").ok();
      assertThat(pull.repoDigests(tlsHost + "/alice/podman:1")).contains(tlsHost + "/alice/podman@" + pushed);

      build.podman().run("logout", tlsHost).ok();
      Command.Result anonymous = pull.podman().run("pull", "--cert-dir", certDir, tlsHost + "/alice/y:1");
      assertThat(anonymous.exitCode()).isNotZero();
      assertThat(anonymous.output()).containsIgnoringCase("unauthorized");
    }
  }

  private static Manifest tagged(String repository, String tag) throws IOException {
    return server.registry().repository(repository).manifests().get(Reference.parse(tag)).orElseThrow();
  }
}
