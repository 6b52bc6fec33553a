package registry.http.jdk.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real file systems with real limits, made with {@code mount}: a size-limited tmpfs, and the same
 * remounted read-only. Root, which CI has, is needed; elsewhere the test is skipped, unless
 * {@code registry.requirePeers=true} says CI promised it. Running as root, a test cannot make a
 * directory unwritable with permissions (root writes anyway); a read-only mount stops root too.
 */
final class Mounts {

  private Mounts() {}

  /** Mounts a tmpfs of {@code size} (such as {@code 8m}) on {@code dir}, or skips saying why. */
  static void tmpfs(Path dir, String size) throws IOException, InterruptedException {
    String output = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    if (output != null) {
      String message = "cannot mount a size-limited tmpfs (needs root): " + output;
      if (Boolean.getBoolean("registry.requirePeers")) {
        throw new AssertionError(message + " (required: registry.requirePeers=true)");
      }
      Assumptions.abort(message);
    }
  }

  /** Makes the file system mounted on {@code dir} read-only, for root as for everyone. */
  static void remountReadOnly(Path dir) throws IOException, InterruptedException {
    String output = run("mount", "-o", "remount,ro", dir.toString());
    if (output != null) {
      throw new AssertionError("cannot remount " + dir + " read-only: " + output);
    }
  }

  /** Unmounts lazily, so that a file still open in a failed test does not keep it mounted. */
  static void unmount(Path dir) throws IOException, InterruptedException {
    run("umount", "-l", dir.toString());
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out.trim();
  }
}
