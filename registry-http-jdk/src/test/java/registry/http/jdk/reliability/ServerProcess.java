package registry.http.jdk.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged registry as a child JVM ({@code java -p target/modules -m registry.http.jdk}),
 * as ServePackagedIT starts it: {@code package} must have run (failsafe runs the tests after it).
 */
final class ServerProcess {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+) .*");

  private ServerProcess() {}

  static Path modules() {
    Path modules = Path.of(System.getProperty("registry.modules", "target/modules"));
    Path jar = modules.resolve(System.getProperty("registry.serverJar", "registry-http-jdk-0.1.0-SNAPSHOT.jar"));
    if (!Files.exists(jar)) {
      throw new AssertionError("the server's jar " + jar + " is missing: run `mvn package` first");
    }
    return modules;
  }

  /** A process running {@code args}, its stdout and stderr appended to {@code log}. */
  static Process start(Path workDir, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small and quick to start: a server killed every second or so must come back fast.
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx256m",
        "-p", modules().toAbsolutePath().toString(), "-m", "registry.http.jdk"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /** Starts {@code serve config} and waits for its "listening on" line; returns the base URL. */
  static URI serve(Path workDir, Path config, Path log, Process[] started) throws Exception {
    long from = Files.exists(log) ? Files.size(log) : 0;
    Process p = start(workDir, log, "serve", config.toString());
    started[0] = p;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("server exited with " + p.exitValue() + ": " + tail(log, from));
      }
      for (String line : tail(log, from).split("\n")) {
        Matcher m = LISTENING.matcher(line);
        if (m.matches()) {
          return URI.create(m.group(1));
        }
      }
      Thread.sleep(20);
    }
    p.destroyForcibly();
    throw new AssertionError("server did not start within 30 s: " + tail(log, from));
  }

  /** SIGKILL, and wait for the process to be gone. */
  static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("process " + p.pid() + " survived SIGKILL for 30 s");
    }
  }

  private static String tail(Path log, long from) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
      r.skip(from);
      StringBuilder sb = new StringBuilder();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        sb.append(line).append('\n');
      }
      return sb.toString();
    }
  }
}
