package registry.http.jdk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.auth.Scope;

/** The small parts of access control: patterns, challenges, key ids, the failure limiter. */
class AuthPartsTest {

  @ParameterizedTest(name = "{0} ~ {1} ({2}): {3}")
  @CsvSource({
      "*,            anything/at/all, -,     true",
      "team/*,       team/app,        -,     true",
      "team/*,       team/a/b,        -,     true",
      "team/*,       team,            -,     false",
      "team/*,       teams/app,       -,     false",
      "*/app,        team/app,        -,     true",
      "a*b*c,        abc,             -,     true",
      "a*b*c,        aXbYbZc,         -,     true",
      "a*b*c,        acb,             -,     false",
      "exact,        exact,           -,     true",
      "exact,        exact2,          -,     false",
      "${user}/*,    bob/app,         bob,   true",
      "${user}/*,    alice/app,       bob,   false",
      "${user}/*,    bob/app,         -,     false",
      "${user}/*,    x/app,           x*,    false",
  })
  void matchesRepositoryPatterns(String pattern, String repository, String user, boolean matches) {
    assertThat(RepositoryPattern.of(pattern).matches(repository, user.equals("-") ? null : user)).isEqualTo(matches);
  }

  @Test
  void writesChallengesAsClientsParseThem() {
    assertThat(Challenges.basic("my \"realm\"")).isEqualTo("Basic realm=\"my \\\"realm\\\"\"");
    assertThat(Challenges.bearer("https://auth/token", "reg", List.of(), null))
        .isEqualTo("Bearer realm=\"https://auth/token\",service=\"reg\"");
    assertThat(Challenges.bearer("https://auth/token", "reg",
        List.of(Scope.parse("repository:a:pull,push"), Scope.parse("repository:b:pull")), "insufficient_scope"))
        .isEqualTo("Bearer realm=\"https://auth/token\",service=\"reg\","
            + "scope=\"repository:a:pull,push repository:b:pull\",error=\"insufficient_scope\"");
  }

  @Test
  void namesKeysInTheLibtrustForm() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    String id = KeyIds.libtrust(g.generateKeyPair().getPublic());
    assertThat(id).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
  }

  @Test
  void limitsFailuresPerKeyAndForgivesOverTime() {
    AtomicLong now = new AtomicLong();
    FailureLimiter<String> limiter = new FailureLimiter<>(3, Duration.ofMillis(600), now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.blocked("a")).isEmpty();
      limiter.failed("a");
    }
    assertThat(limiter.blocked("a")).hasValue(Duration.ofMillis(200));
    assertThat(limiter.blocked("b")).isEmpty();
    // Failures while blocked leave the bucket empty, not in debt.
    limiter.failed("a");
    assertThat(limiter.blocked("a")).hasValue(Duration.ofMillis(200));
    now.addAndGet(Duration.ofMillis(150).toNanos());
    assertThat(limiter.blocked("a")).hasValue(Duration.ofMillis(50));
    now.addAndGet(Duration.ofMillis(50).toNanos());
    assertThat(limiter.blocked("a")).isEmpty();
  }
}
