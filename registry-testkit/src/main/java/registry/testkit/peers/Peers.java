package registry.testkit.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External peers the tests use (docker-registry, skopeo). Where CI promises them
 * ({@code -Dregistry.requirePeers=true}) a missing peer fails the test; elsewhere it skips, saying
 * what to install.
 */
public final class Peers {

  private Peers() {}

  /** The path of an executable, or a failure or skip naming the Debian package. */
  public static Path require(String executable, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, executable);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String message = executable + " is not installed: apt-get install " + debianPackage;
    if (Boolean.getBoolean("registry.requirePeers")) {
      throw new AssertionError(message + " (required: registry.requirePeers=true)");
    }
    Assumptions.abort(message);
    return null;
  }
}
