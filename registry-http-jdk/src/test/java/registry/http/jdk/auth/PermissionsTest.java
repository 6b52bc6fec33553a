package registry.http.jdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import registry.core.auth.Action;
import registry.core.auth.Scope;

class PermissionsTest {

  static final String RULES = String.join("\n",
      "groups:",
      "  admins: [alice]",
      "  ci: [jenkins, alice]",
      "rules:",
      "  - users: ['*']",
      "    repositories: ['${user}/*']",
      "    actions: [pull, push, delete]",
      "  - groups: [ci]",
      "    repositories: ['team/*']",
      "    actions: [pull, push]",
      "  - groups: [admins]",
      "    repositories: ['*']",
      "    actions: ['*']",
      "  - anonymous: true",
      "    repositories: [public/*, library/hello]",
      "    actions: [pull]",
      "");

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource({
      "bob,       bob/app,        pull;push;delete",
      "bob,       bob,            ''",
      "bob,       bobby/app,      ''",
      "bob,       team/app,       ''",
      "jenkins,   team/app,       pull;push",
      "jenkins,   team/x/deep,    pull;push",
      "jenkins,   teams/app,      ''",
      "alice,     anything/at/all, pull;push;delete",
      "-,         public/a,       pull",
      "-,         library/hello,  pull",
      "-,         library/hello2, ''",
      "-,         -/x,            ''",
      "bob,       public/a,       pull",
  })
  void grantsByUserGroupAnonymousAndPattern(String user, String repository, String actions) {
    Permissions p = Permissions.parse(RULES);
    Optional<String> who = user.equals("-") ? Optional.empty() : Optional.of(user);
    assertThat(p.granted(who, repository)).map(Action::scopeName)
        .containsExactlyInAnyOrder(actions.isEmpty() ? new String[0] : actions.split(";"));
  }

  @Test
  void grantsTheAllowedPartOfAScope() {
    Permissions p = Permissions.parse(RULES);
    assertThat(p.grant(Optional.of("jenkins"), Scope.parse("repository:team/app:pull,push,delete")))
        .hasToString("repository:team/app:pull,push");
    assertThat(p.grant(Optional.of("alice"), Scope.parse("repository:x:*"))).hasToString("repository:x:*");
    assertThat(p.grant(Optional.of("jenkins"), Scope.parse("repository:team/a:*")).actions()).isEmpty();
    assertThat(p.grant(Optional.of("bob"), Scope.catalog())).isEqualTo(Scope.catalog());
    assertThat(p.grant(Optional.empty(), Scope.catalog()).actions()).isEmpty();
    assertThat(p.grant(Optional.of("alice"), Scope.parse("plugin:x:pull")).actions()).isEmpty();
    assertThat(p.permits(Optional.of("jenkins"), Scope.parse("repository:team/app:pull,push"))).isTrue();
    assertThat(p.permits(Optional.of("jenkins"), Scope.parse("repository:team/app:delete"))).isFalse();
  }

  @Test
  void readsJsonToo() {
    Permissions p = Permissions.parse("{\"rules\":[{\"users\":[\"ci\"],\"repositories\":[\"*\"],\"actions\":[\"pull\"]}]}");
    assertThat(p.granted(Optional.of("ci"), "a/b")).containsExactly(Action.PULL);
    assertThat(Permissions.anyUser().granted(Optional.of("x"), "a")).containsExactly(Action.values());
    assertThat(Permissions.anyUser().granted(Optional.empty(), "a")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "rules: [{users: [a], repositories: ['*'], actions: [pull], colour: red}]|unknown key 'colour'",
      "rules: [{users: [a], repositories: ['*'], actions: [fly]}]|unknown action 'fly'",
      "rules: [{repositories: ['*'], actions: [pull]}]|applies to no one",
      "rules: [{users: [a], actions: [pull]}]|names no repositories",
      "rules: [{users: [a], repositories: ['*']}]|grants no actions",
      "rules: {users: [a]}|'rules' must be a list",
      "groups: [a]\\nrules: []|'groups' must map",
      "rule: []|unknown key 'rule'",
      "rules: [{users: [a], anonymous: yes please, repositories: ['*'], actions: [pull]}]|'anonymous' must be true or false",
      "[[[|not YAML or JSON",
  })
  void refusesInvalidFilesSayingWhere(String text, String message) {
    assertThatThrownBy(() -> Permissions.parse(text.replace("\\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void rereadsTheFileWhenItChangesAndKeepsTheLastGoodRulesOnATypo() throws Exception {
    Path file = Files.writeString(tmp.resolve("permissions.yml"),
        "rules: [{users: [bob], repositories: ['a/*'], actions: [pull]}]");
    Permissions p = Permissions.load(file);
    assertThat(p.granted(Optional.of("bob"), "a/x")).containsExactly(Action.PULL);
    rewrite(file, "rules: [{users: [bob], repositories: ['b/*'], actions: [pull, push]}]", 1);
    assertThat(p.granted(Optional.of("bob"), "a/x")).isEmpty();
    assertThat(p.granted(Optional.of("bob"), "b/x")).containsExactly(Action.PULL, Action.PUSH);
    rewrite(file, "rules: [{users: [bob], repositories: ['c/*'], actions: [fly]}]", 2);
    assertThat(p.granted(Optional.of("bob"), "b/x")).containsExactly(Action.PULL, Action.PUSH);
    assertThatThrownBy(() -> Permissions.load(tmp.resolve("missing.yml"))).isInstanceOf(java.io.IOException.class);
  }

  /** Writes and moves the modification time on, so the change shows whatever the clock's grain. */
  static void rewrite(Path file, String content, int seconds) throws Exception {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(seconds)));
  }
}
