package registry.http.jdk.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by {@code htpasswd -B} (Debian's apache2-utils), read by {@link Htpasswd}. */
class HtpasswdIT {

  @TempDir
  Path tmp;

  @Test
  void verifiesBcryptEntriesAndIgnoresOthers() throws Exception {
    Command htpasswd = Command.htpasswd(tmp);
    Path file = tmp.resolve("htpasswd");
    htpasswd.run("-B", "-b", "-c", file.toString(), "alice", "wonder land").ok();
    htpasswd.run("-B", "-C", "6", "-b", file.toString(), "bob", "b:o:b").ok();
    htpasswd.run("-m", "-b", file.toString(), "md5user", "secret").ok();
    assertThat(Files.readString(file)).contains("alice:$2y$05$");
    Htpasswd users = Htpasswd.load(file, Duration.ZERO);
    assertThat(users.verify("alice", "wonder land")).isTrue();
    assertThat(users.verify("alice", "wonder")).isFalse();
    assertThat(users.verify("bob", "b:o:b")).isTrue();
    assertThat(users.verify("md5user", "secret")).as("not bcrypt: ignored").isFalse();
    assertThat(users.verify("nobody", "wonder land")).isFalse();
  }

  @Test
  void rereadsTheFileWhenItChanges() throws Exception {
    Command htpasswd = Command.htpasswd(tmp);
    Path file = tmp.resolve("htpasswd");
    htpasswd.run("-B", "-b", "-c", file.toString(), "alice", "one").ok();
    Htpasswd users = Htpasswd.load(file);
    assertThat(users.verify("alice", "one")).isTrue();
    assertThat(users.verify("carol", "three")).isFalse();
    htpasswd.run("-B", "-b", file.toString(), "carol", "three").ok();
    htpasswd.run("-B", "-b", file.toString(), "alice", "two").ok();
    PermissionsTest.rewrite(file, Files.readString(file), 1);
    assertThat(users.verify("carol", "three")).isTrue();
    assertThat(users.verify("alice", "one")).as("the cached check is gone with the old file").isFalse();
    assertThat(users.verify("alice", "two")).isTrue();
  }

  @Test
  void unknownUsersCostAsMuchAsKnownOnesAndSuccessIsCached() throws Exception {
    Command htpasswd = Command.htpasswd(tmp);
    Path file = tmp.resolve("htpasswd");
    // Cost 10: about 70 ms a check on the reference machine, far above timer noise.
    htpasswd.run("-B", "-C", "10", "-b", "-c", file.toString(), "alice", "pw").ok();
    Htpasswd users = Htpasswd.load(file);
    long known = time(() -> users.verify("alice", "wrong"));
    long unknown = time(() -> users.verify("mallory", "wrong"));
    assertThat(unknown).as("unknown %d ns vs known %d ns", unknown, known).isGreaterThan(known / 3);
    assertThat(users.verify("alice", "pw")).isTrue();
    long cached = time(() -> users.verify("alice", "pw"));
    assertThat(cached).as("cached %d ns vs bcrypt %d ns", cached, known).isLessThan(known / 10);
  }

  private static long time(java.util.function.BooleanSupplier check) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      check.getAsBoolean();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }
}
