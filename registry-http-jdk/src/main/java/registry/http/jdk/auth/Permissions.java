package registry.http.jdk.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import registry.core.auth.Action;
import registry.core.auth.Scope;
import registry.http.jdk.internal.auth.PermissionRules;
import registry.http.jdk.internal.auth.WatchedFile;

/**
 * Who may do what in which repository: rules of users, groups or anonymous callers,
 * repository patterns and actions, read from a YAML (or JSON) file that is read again when it
 * changes. Used by {@link HtpasswdAuthorizer} and {@link TokenIssuer}.
 *
 * <pre>
 * groups:
 *   admins: [alice]
 *   ci: [jenkins]
 * rules:
 *   - users: ["*"]                # any authenticated user...
 *     repositories: ["${user}/*"] # ...in a space of their own
 *     actions: [pull, push, delete]
 *   - groups: [ci]
 *     repositories: ["team/*"]    # '*' matches any characters, '/' included
 *     actions: [pull, push]
 *   - groups: [admins]
 *     repositories: ["*"]
 *     actions: ["*"]              # pull, push and delete
 *   - anonymous: true             # everyone, with credentials or without
 *     repositories: ["public/*"]
 *     actions: [pull]
 * </pre>
 *
 * <p>Rules only grant: an action is allowed when some rule that applies to the caller grants
 * it on a pattern the repository matches. Listing the catalog ({@code registry:catalog:*}) is
 * allowed to every authenticated user, and shows only what they may pull. Thread-safe.
 */
public final class Permissions {

  private final Supplier<PermissionRules> rules;
  private final String description;

  private Permissions(Supplier<PermissionRules> rules, String description) {
    this.rules = rules;
    this.description = description;
  }

  /**
   * Reads a permissions file now, and again whenever it changes.
   *
   * @throws IOException when it cannot be read or is not a valid permissions file (the message
   *     says where)
   */
  public static Permissions load(Path file) throws IOException {
    WatchedFile<PermissionRules> watched = WatchedFile.load(file, PermissionRules::parse);
    return new Permissions(watched::get, "Permissions[" + file + "]");
  }

  /**
   * Permissions from YAML or JSON text, fixed.
   *
   * @throws IllegalArgumentException when the text is not a valid permissions document
   */
  public static Permissions parse(String text) {
    PermissionRules parsed = PermissionRules.parse(text);
    return new Permissions(() -> parsed, "Permissions[text]");
  }

  /**
   * Every authenticated user may pull, push and delete everywhere; anonymous callers nothing.
   * What htpasswd means without a permissions file, as in distribution.
   */
  public static Permissions anyUser() {
    PermissionRules all = PermissionRules.anyUser();
    return new Permissions(() -> all, "Permissions.anyUser()");
  }

  /** The actions {@code user} (empty: anonymous) may do in {@code repository}. */
  public Set<Action> granted(Optional<String> user, String repository) {
    return rules.get().granted(user.orElse(null), repository);
  }

  /**
   * The part of {@code wanted} that {@code user} (empty: anonymous) is granted: for a
   * repository scope the wanted actions the rules allow ({@code *} asks for all three); for
   * {@code registry:catalog:*}, everything when the user is authenticated. Empty actions when
   * nothing is granted; unknown types and actions are never granted.
   */
  public Scope grant(Optional<String> user, Scope wanted) {
    if (wanted.equals(Scope.catalog())) {
      return user.isPresent() ? wanted : wanted.withActions(List.of());
    }
    if (!wanted.isRepository() || wanted.repository().isEmpty()) {
      return wanted.withActions(List.of());
    }
    Set<Action> granted = granted(user, wanted.name());
    List<String> actions = new ArrayList<>();
    for (String a : wanted.actions()) {
      if (a.equals(Scope.ALL) ? granted.containsAll(Set.of(Action.values()))
          : Action.fromScopeName(a).map(granted::contains).orElse(false)) {
        actions.add(a);
      }
    }
    return wanted.withActions(actions);
  }

  /** Whether {@code user} (empty: anonymous) may do every action of {@code wanted}. */
  public boolean permits(Optional<String> user, Scope wanted) {
    return grant(user, wanted).actions().size() == wanted.actions().size();
  }

  @Override
  public String toString() {
    return description;
  }
}
