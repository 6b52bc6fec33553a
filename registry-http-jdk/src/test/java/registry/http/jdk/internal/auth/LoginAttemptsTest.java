package registry.http.jdk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forgiveness over time, on a controlled clock, against a real bcrypt htpasswd table. */
class LoginAttemptsTest {

  @TempDir
  Path tmp;

  @Test
  void aLimitedUserIsLetInOnceAFailureIsForgiven() throws IOException {
    Files.writeString(tmp.resolve("htpasswd"),
        "alice:" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(5, "alice-pw".toCharArray()) + "\n");
    HtpasswdTable table = HtpasswdTable.parse(tmp.resolve("htpasswd"));
    LoginAttempts.Passwords passwords = LoginAttempts.Passwords.of(() -> table, 0);
    AtomicLong now = new AtomicLong();
    LoginAttempts logins = new LoginAttempts(passwords, new LoginLimit(2, Duration.ofSeconds(20)), now::get);
    Optional<InetAddress> here = Optional.of(InetAddress.getLoopbackAddress());

    assertThat(logins.attempt("alice", "x", here).accepted()).isFalse();
    assertThat(logins.attempt("alice", "y", here).limited()).isEmpty();
    assertThat(logins.attempt("alice", "alice-pw", here).limited()).get()
        .extracting(l -> l.retryAfterSeconds()).isEqualTo(10L);
    // Without an address nothing is counted or refused.
    assertThat(logins.attempt("alice", "alice-pw", Optional.empty()).accepted()).isTrue();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(logins.attempt("alice", "alice-pw", here).accepted()).isTrue();
  }
}
