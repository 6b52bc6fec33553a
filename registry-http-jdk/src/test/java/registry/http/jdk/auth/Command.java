package registry.http.jdk.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import registry.testkit.peers.Peers;

/** Runs an external tool (htpasswd, skopeo, openssl, ctr, podman) with its output in a file of the test. */
public final class Command {

  /** An exit code with what the command printed (stdout and stderr together). */
  public record Result(int exitCode, String output) {
    public Result ok() {
      if (exitCode != 0) {
        throw new AssertionError("exited with " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  private final Path executable;
  private final Path dir;
  private final Map<String, String> env;

  /** Fails (CI) or skips (elsewhere) when the tool is not installed. */
  public Command(String executable, String debianPackage, Path dir, Map<String, String> env) throws IOException {
    this.executable = Peers.require(executable, debianPackage);
    this.dir = Files.createDirectories(dir);
    this.env = env;
  }

  /**
   * skopeo with its state in {@code dir}: temporary files, auth file and registries.conf there,
   * and no signature policy to consult.
   */
  static Command skopeo(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("registries.conf"), "unqualified-search-registries = []\n");
    return new Command("skopeo", "skopeo", dir, Map.of(
        "TMPDIR", dir.resolve("tmp").toString(),
        "REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString(),
        "CONTAINERS_REGISTRIES_CONF", dir.resolve("registries.conf").toString(),
        "XDG_RUNTIME_DIR", dir.toString()));
  }

  /** {@code htpasswd} of apache2-utils. */
  static Command htpasswd(Path dir) throws IOException {
    return new Command("htpasswd", "apache2-utils", dir, Map.of());
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    if (executable.getFileName().toString().equals("skopeo")) {
      command.addAll(List.of("--insecure-policy", "--tmpdir", dir.resolve("tmp").toString()));
    }
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, executable.getFileName().toString(), ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish in 90 s: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }
}
