package registry.http.jdk.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import registry.http.jdk.internal.auth.HtpasswdTable;
import registry.http.jdk.internal.auth.LoginAttempts;
import registry.http.jdk.internal.auth.LoginLimit;
import registry.http.jdk.internal.auth.WatchedFile;

/**
 * Users and passwords from an htpasswd file with bcrypt entries, as {@code htpasswd -B}
 * (Debian's apache2-utils) writes them:
 *
 * <pre>{@code
 * $ htpasswd -B -c /etc/registry/htpasswd alice
 *
 * Htpasswd users = Htpasswd.load(Path.of("/etc/registry/htpasswd"));
 * boolean ok = users.verify("alice", password);
 * }</pre>
 *
 * <p>The file is read again when it changes (its modification time, size or identity, looked
 * at on each check), so adding a user or changing a password needs no restart; an edit that does
 * not parse keeps the last good content. Entries other than bcrypt ({@code htpasswd -m}, SHA)
 * are ignored with a warning, as distribution ignores them. Successful checks are remembered
 * for {@link #DEFAULT_CACHE_TTL} (a bcrypt check costs milliseconds by design, and clients send
 * credentials with every request); unknown users cost as much as known ones. Thread-safe.
 */
public final class Htpasswd {

  /** How long a successful check is remembered unless told otherwise: one minute. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(1);

  private final WatchedFile<HtpasswdTable> table;
  private final long ttlNanos;

  private Htpasswd(WatchedFile<HtpasswdTable> table, Duration cacheTtl) {
    this.table = table;
    this.ttlNanos = cacheTtl.toNanos();
  }

  /**
   * Reads the file, remembering successful checks for {@link #DEFAULT_CACHE_TTL}.
   *
   * @throws IOException when it cannot be read
   */
  public static Htpasswd load(Path file) throws IOException {
    return load(file, DEFAULT_CACHE_TTL);
  }

  /**
   * Reads the file, remembering successful checks for {@code cacheTtl} ({@link Duration#ZERO}:
   * check every time).
   *
   * @throws IOException when it cannot be read
   */
  public static Htpasswd load(Path file, Duration cacheTtl) throws IOException {
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException("cacheTtl is negative");
    }
    return new Htpasswd(WatchedFile.load(file, HtpasswdTable::parse), cacheTtl);
  }

  /** The file. */
  public Path file() {
    return table.path();
  }

  /** Whether {@code password} is {@code user}'s, by the file as it is now. */
  public boolean verify(String user, String password) {
    return table.get().verify(user, password, ttlNanos);
  }

  /** Logins against these users, refused past {@code limit}: how the authorizer and the token issuer check passwords. */
  LoginAttempts logins(LoginLimit limit) {
    return new LoginAttempts(LoginAttempts.Passwords.of(table::get, ttlNanos), limit);
  }

  @Override
  public String toString() {
    return "Htpasswd[" + table.path() + "]";
  }
}
