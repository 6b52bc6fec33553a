package registry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import registry.core.RepositoryName;

class ScopeTest {

  @Test
  void writesAndParsesDockerScopes() {
    Scope push = Scope.repository(RepositoryName.of("team/app"), Action.PULL, Action.PUSH);
    assertThat(push).hasToString("repository:team/app:pull,push");
    assertThat(Scope.parse("repository:team/app:pull,push")).isEqualTo(push);
    assertThat(Scope.catalog()).hasToString("registry:catalog:*");
    assertThat(Scope.parse("repository:a:pull,pull").actions()).containsExactly("pull");
    assertThat(Scope.parse("repository:team/app:pull").repository()).hasValue(RepositoryName.of("team/app"));
    assertThat(Scope.catalog().repository()).isEmpty();
  }

  @Test
  void refusesMalformedScopes() {
    for (String bad : List.of("", "repository", "repository:app", ":app:pull", "repository::pull")) {
      assertThatThrownBy(() -> Scope.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void grantCoversWantedActionsAndStarCoversAll() {
    Scope grant = Scope.parse("repository:app:pull,push");
    assertThat(grant.covers(Scope.parse("repository:app:pull"))).isTrue();
    assertThat(grant.covers(Scope.parse("repository:app:pull,push"))).isTrue();
    assertThat(grant.covers(Scope.parse("repository:app:delete"))).isFalse();
    assertThat(grant.covers(Scope.parse("repository:other:pull"))).isFalse();
    assertThat(Scope.parse("repository:app:*").covers(Scope.parse("repository:app:delete"))).isTrue();
    assertThat(Scope.parse("repository:app:*").knownActions()).containsExactly(Action.PULL, Action.PUSH, Action.DELETE);
  }

  @Test
  void basicCredentialsHideThePassword() {
    Optional<BasicCredentials> c = BasicCredentials.parse("Basic YWxpY2U6czNjcjN0OmV4dHJh");
    assertThat(c).hasValue(new BasicCredentials("alice", "s3cr3t:extra"));
    assertThat(c.get().toString()).doesNotContain("s3cr3t");
    assertThat(BasicCredentials.parse("Basic Og==").get().isAnonymous()).isTrue();
    assertThat(BasicCredentials.parse("Basic !!")).isEmpty();
    assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
  }
}
