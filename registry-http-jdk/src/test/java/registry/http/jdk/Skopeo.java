package registry.http.jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import registry.testkit.peers.Peers;

/**
 * Runs the {@code skopeo} CLI with its state in a directory of the test: temporary files, auth
 * file and registries.conf there, no signature policy to consult. (Its blob-info cache stays in
 * {@code /var/lib/containers/cache} when run as root.)
 */
final class Skopeo {

  /** An exit code with what the command printed (stdout and stderr together). */
  record Result(int exitCode, String output) {
    Result ok() {
      if (exitCode != 0) {
        throw new AssertionError("skopeo exited with " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  private final Path executable;
  private final Path home;

  /** Fails (CI) or skips (elsewhere) when skopeo is not installed. */
  Skopeo(Path home) throws IOException {
    this.executable = Peers.require("skopeo", "skopeo");
    this.home = Files.createDirectories(home);
    Files.createDirectories(home.resolve("tmp"));
    Files.writeString(home.resolve("registries.conf"), "unqualified-search-registries = []\n");
  }

  Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--insecure-policy",
        "--tmpdir", home.resolve("tmp").toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(home, "skopeo", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("TMPDIR", home.resolve("tmp").toString());
    env.put("REGISTRY_AUTH_FILE", home.resolve("auth.json").toString());
    env.put("CONTAINERS_REGISTRIES_CONF", home.resolve("registries.conf").toString());
    env.put("XDG_RUNTIME_DIR", home.toString());
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("skopeo did not finish in 90 s: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }
}
