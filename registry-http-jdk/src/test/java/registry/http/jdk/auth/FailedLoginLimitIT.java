package registry.http.jdk.auth;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * The failed-login limit over real HTTP on loopback, where every client is 127.0.0.1 as all
 * users behind one NAT are: failures count against the user at that address, and against the
 * address alone only at ten times the limit, so one client guessing cannot lock out the others.
 * Each case runs against Basic authentication and the token endpoint.
 */
class FailedLoginLimitIT {

  /** Failures per user and address; an address alone may fail ten times as often. */
  private static final int LIMIT = 3;
  private static final Duration PERIOD = Duration.ofMinutes(10);

  /** Where a login is checked: the registry's Basic authentication, or the token endpoint. */
  enum Endpoint {
    BASIC("/v2/"),
    TOKEN("/auth/token?service=test-registry");

    final String path;

    Endpoint(String path) {
      this.path = path;
    }

    RegistryServer.Builder secure(RegistryServer.Builder server, Htpasswd users) {
      if (this == BASIC) {
        return server.authorizer(HtpasswdAuthorizer.builder().users(users).failureLimit(LIMIT, PERIOD).build());
      }
      return server.tokenIssuer(TokenIssuer.builder().service("test-registry").users(users)
          .failureLimit(LIMIT, PERIOD).build());
    }
  }

  @TempDir
  Path tmp;

  private RegistryServer server;
  private Function<String, Client.Reply> login;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void anotherUsersFailuresNeverRefuseACorrectPassword(Endpoint endpoint) throws IOException {
    start(endpoint);
    failAsOftenAsTheLimitAllows("alice");
    assertThat(login("bob", "bob-pw").status()).isEqualTo(200);
    assertThat(login("carol", "carol-pw").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void aUserOverTheLimitGets429WithRetryAfterWhileOthersLogIn(Endpoint endpoint) throws IOException {
    start(endpoint);
    failAsOftenAsTheLimitAllows("alice");
    // Refused before the password is looked at: the right one too.
    Client.Reply refused = login("alice", "alice-pw");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).contains("TOOMANYREQUESTS");
    // One failure is forgiven per PERIOD / LIMIT: 200 s.
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 200L);
    assertThat(login("bob", "bob-pw").status()).isEqualTo(200);
    assertThat(login("alice", "alice-pw").status()).isEqualTo(429);
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void anAddressSprayingUserNamesIsLimitedAtTenTimesTheLimit(Endpoint endpoint) throws IOException {
    start(endpoint);
    for (int i = 0; i < 10 * LIMIT; i++) {
      assertThat(login("user" + i, "password").status()).as("attempt %d", i + 1).isEqualTo(401);
    }
    Client.Reply refused = login("user-next", "password");
    assertThat(refused.status()).isEqualTo(429);
    // One failure is forgiven per PERIOD / (10 * LIMIT): 20 s.
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 20L);
    // A known user's wrong password gets the same answer as a made-up name: it tells no names.
    assertThat(login("bob", "guess").status()).isEqualTo(429);
    // Users with a correct password are still let in.
    assertThat(login("carol", "carol-pw").status()).isEqualTo(200);
    assertThat(login("bob", "bob-pw").status()).isEqualTo(200);
  }

  private void start(Endpoint endpoint) throws IOException {
    Path file = tmp.resolve("htpasswd");
    StringBuilder lines = new StringBuilder();
    for (String user : new String[] {"alice", "bob", "carol"}) {
      // What `htpasswd -B` writes: $2y$ at cost 5.
      lines.append(user).append(':')
          .append(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(5, (user + "-pw").toCharArray())).append('\n');
    }
    Files.writeString(file, lines);
    server = endpoint.secure(RegistryServer.builder().storage(new InMemoryStorageDriver()), Htpasswd.load(file))
        .build().start();
    Client client = new Client(server.uri(), null);
    login = authorization -> client.get(endpoint.path, authorization);
  }

  private void failAsOftenAsTheLimitAllows(String user) {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(login(user, "guess" + i).status()).isEqualTo(401);
    }
  }

  private Client.Reply login(String user, String password) {
    return login.apply(Client.basic(user, password));
  }
}
