package registry.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.testkit.TestImages;
import registry.testkit.peers.V2Client;

/**
 * The stand-alone server as the README starts it, {@code java -p registry-http-jdk/target/modules
 * -m registry.http.jdk serve config.yml}: a separate JVM on the module path built by
 * {@code package} (failsafe runs this after it). skopeo pushes and pulls; SIGTERM stops it cleanly;
 * {@code garbage-collect} then works on the same config.yml.
 */
class ServePackagedIT {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+) \\(storage: filesystem (.*)\\)");

  @TempDir
  Path tmp;

  private static Path modules() {
    Path modules = Path.of(System.getProperty("registry.modules", "target/modules"));
    assertThat(modules.resolve(System.getProperty("registry.serverJar", "registry-http-jdk-0.1.0-SNAPSHOT.jar")))
        .as("the server's jar in %s: run `mvn package` first", modules).exists();
    return modules;
  }

  private ProcessBuilder java(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-p", modules().toAbsolutePath().toString(), "-m", "registry.http.jdk"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
    return pb;
  }

  /** Runs a command to its end; returns exit code, stdout and stderr. */
  private String[] runToEnd(String... args) throws IOException, InterruptedException {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = java(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String[] {String.valueOf(p.exitValue()), Files.readString(out), Files.readString(err)};
  }

  @Test
  void servesSkopeoStopsOnSigtermAndCollectsGarbage() throws Exception {
    Skopeo skopeo = new Skopeo(tmp.resolve("skopeo"));
    Path data = tmp.resolve("data");
    Path config = Files.writeString(tmp.resolve("config.yml"), String.join("\n",
        "version: 0.1",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + data,
        "  delete:",
        "    enabled: true",
        "http:",
        "  addr: 127.0.0.1:0",
        "  headers:",
        "    X-Content-Type-Options: [nosniff]",
        ""));
    TestImages.Blob orphan = TestImages.Blob.random(new Random(1), 1000);
    Process server = java("serve", config.toString()).start();
    CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(server));
    try {
      Lines out = new Lines(server.getInputStream());
      String first = out.next();
      assertThat(first).as("first line of stdout").isNotNull();
      Matcher m = LISTENING.matcher(first);
      assertThat(m.matches()).as(first).isTrue();
      assertThat(m.group(2)).isEqualTo(data.toString());
      URI base = URI.create(m.group(1));

      Path in = tmp.resolve("in");
      TestLayouts.Written written = TestLayouts.write(in, "1", new Random(9));
      String image = "docker://" + base.getAuthority() + "/team/app:1";
      skopeo.run("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "oci:" + in + ":1", image).ok();
      Path back = tmp.resolve("back");
      skopeo.run("copy", "--all", "--preserve-digests", "--src-tls-verify=false", image, "oci:" + back + ":1").ok();
      assertThat(TestLayouts.digestOf(back, "1")).isEqualTo(written.index());
      assertThat(new V2Client(base).tags("team/app")).containsExactly("1");
      assertThat(data.resolve("docker/registry/v2/repositories/team/app/_manifests/tags/1/current/link"))
          .hasContent(written.index().toString());
      new V2Client(base).pushBlob("team/app", orphan);

      // SIGTERM; Process.destroy() would also close the pipes this test still reads.
      assertThat(server.toHandle().destroy()).isTrue();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
      assertThat(server.exitValue()).as("the JVM's exit code after SIGTERM (128 + 15)").isEqualTo(143);
      List<String> rest = out.rest();
      assertThat(rest).containsExactly("stopping", "stopped");
      String stderr = errors.get(10, TimeUnit.SECONDS);
      assertThat(stderr).contains("warning: " + config + ": http.headers: not supported here; ignored")
          .contains("INFO registry.http.jdk: ").contains(" PUT /v2/team/app/manifests/1 201 ")
          .doesNotContain("Exception", "SEVERE");
    } finally {
      server.destroyForcibly();
    }

    String[] dry = runToEnd("garbage-collect", "--dry-run", "--grace-period", "0", config.toString());
    assertThat(dry[0]).as(dry[2]).isEqualTo("0");
    assertThat(dry[1]).contains("blob eligible for deletion: " + orphan.digest() + " (1000 bytes)",
        "dry run: 1 repositories, 3 manifests", "0 manifests and 1 blobs (1000 bytes) would be deleted");
    String[] real = runToEnd("garbage-collect", "-m", "--grace-period", "0", config.toString());
    assertThat(real[0]).as(real[2]).isEqualTo("0");
    assertThat(real[1]).contains("deleted blob: " + orphan.digest(), "0 manifests and 1 blobs (1000 bytes) deleted");
    assertThat(data.resolve("docker/registry/v2/blobs/sha256/" + orphan.digest().hex().substring(0, 2)
        + "/" + orphan.digest().hex())).doesNotExist();

    String[] refused = runToEnd("garbage-collect", "--grace-period", "0", tmp.resolve("missing.yml").toString());
    assertThat(refused[0]).isEqualTo("2");
    assertThat(refused[2]).contains("missing.yml: cannot read");
  }

  @Test
  void withoutAConfigFileServesDataUnderTheWorkingDirectory() throws Exception {
    ProcessBuilder pb = java();
    pb.environment().put("REGISTRY_HTTP_ADDR", "127.0.0.1:0");  // the default, port 5000, may be taken
    Process server = pb.redirectError(tmp.resolve("err.txt").toFile()).start();
    try {
      Lines out = new Lines(server.getInputStream());
      Matcher m = LISTENING.matcher(String.valueOf(out.next()));
      assertThat(m.matches()).isTrue();
      assertThat(m.group(2)).isEqualTo("./data");
      assertThat(new V2Client(URI.create(m.group(1))).catalog()).isEmpty();
      assertThat(tmp.resolve("data")).isDirectory();
      assertThat(server.toHandle().destroy()).isTrue();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(out.rest()).containsExactly("stopping", "stopped");
    } finally {
      server.destroyForcibly();
    }
    String[] help = runToEnd("--help");
    assertThat(help[0]).isEqualTo("0");
    assertThat(help[1]).contains("serve [--lenient] [config.yml]", "garbage-collect", "http.tls.certificate");
    assertThat(runToEnd("--version")[1]).startsWith("registry ");
  }

  @Test
  void appliesTheAuthSection() throws Exception {
    String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "secret".toCharArray());
    Path htpasswd = Files.writeString(tmp.resolve("htpasswd"), "alice:" + hash + "\n");
    Path config = Files.writeString(tmp.resolve("config.yml"), "storage:\n  inmemory:\nhttp:\n  addr: 127.0.0.1:0\n"
        + "auth:\n  htpasswd:\n    realm: basic-realm\n    path: " + htpasswd + "\n");
    Process server = java("serve", config.toString()).redirectError(tmp.resolve("err.txt").toFile()).start();
    try {
      Lines out = new Lines(server.getInputStream());
      Matcher m = Pattern.compile("listening on (\\S+) \\(storage: inmemory\\)").matcher(String.valueOf(out.next()));
      assertThat(m.matches()).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest.Builder v2 = HttpRequest.newBuilder(URI.create(m.group(1) + "/v2/"));
      HttpResponse<String> anonymous = http.send(v2.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          h -> assertThat(h).contains("Basic", "basic-realm"));
      String alice = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
      assertThat(http.send(v2.header("Authorization", "Basic " + alice).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);
      assertThat(server.toHandle().destroy()).isTrue();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      server.destroyForcibly();
    }
  }

  /** Lines of a process's output, read as they come by a thread of their own. */
  private static final class Lines {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> done;

    Lines(InputStream in) {
      done = CompletableFuture.runAsync(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add(e.toString());
        }
      });
    }

    /** The next line, or null when none came within 30 s. */
    String next() throws InterruptedException {
      return lines.poll(30, TimeUnit.SECONDS);
    }

    /** The lines after those taken, once the output has ended. */
    List<String> rest() throws Exception {
      done.get(30, TimeUnit.SECONDS);
      return new ArrayList<>(lines);
    }
  }

  private static String readAll(Process p) {
    try {
      return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
