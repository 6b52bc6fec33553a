package registry.core.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import registry.core.RepositoryName;

/**
 * A resource and the actions wanted on it, in the form of Docker token scopes:
 * {@code repository:team/app:pull,push} or {@code registry:catalog:*}.
 *
 * <pre>{@code
 * Scope push = Scope.repository(RepositoryName.of("team/app"), Action.PULL, Action.PUSH);
 * push.toString();                                  // repository:team/app:pull,push
 * Scope.parse("repository:team/app:pull").type();   // repository
 * }</pre>
 *
 * @param type the resource type, {@code repository} or {@code registry}
 * @param name the resource name: a repository name, or {@code catalog}
 * @param actions the actions, in order, without repeats (kept as strings: a token may carry
 *     actions this registry does not know, such as {@code *})
 * @see <a href="https://distribution.github.io/distribution/spec/auth/scope/">Token scope documentation</a>
 */
public record Scope(String type, String name, List<String> actions) {

  /** The type of repository scopes. */
  public static final String REPOSITORY = "repository";
  /** The type of the catalog scope. */
  public static final String REGISTRY = "registry";
  /** The action that stands for every action ({@code registry:catalog:*}). */
  public static final String ALL = "*";

  private static final Scope CATALOG = new Scope(REGISTRY, "catalog", List.of(ALL));

  /** Validates and copies; actions are deduplicated in order. */
  public Scope {
    if (type == null || type.isEmpty() || type.indexOf(':') >= 0 || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a scope needs a type without ':' and a name");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String a : actions) {
      if (a == null || a.isEmpty() || a.indexOf(',') >= 0 || a.indexOf(' ') >= 0) {
        throw new IllegalArgumentException("invalid action '" + a + "' in scope of " + name);
      }
      unique.add(a);
    }
    actions = List.copyOf(unique);
  }

  /** {@code repository:<name>:<actions>}. */
  public static Scope repository(RepositoryName name, Action... actions) {
    List<String> names = new ArrayList<>(actions.length);
    for (Action a : actions) {
      names.add(a.scopeName());
    }
    return new Scope(REPOSITORY, name.value(), names);
  }

  /** {@code registry:catalog:*}: listing the repositories. */
  public static Scope catalog() {
    return CATALOG;
  }

  /**
   * Parses {@code type:name:actions}. The name may itself hold {@code :} (a repository with a
   * port-qualified host never reaches a registry, but resource types may), so the type ends at
   * the first and the actions start after the last colon.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static Scope parse(String text) {
    int first = text.indexOf(':');
    int last = text.lastIndexOf(':');
    if (first <= 0 || last <= first + 1) {
      throw new IllegalArgumentException("invalid scope '" + text + "': expected type:name:actions");
    }
    String actions = text.substring(last + 1);
    List<String> list = actions.isEmpty() ? List.of() : List.of(actions.split(",", -1));
    return new Scope(text.substring(0, first), text.substring(first + 1, last), list);
  }

  /** Whether this is a repository scope. */
  public boolean isRepository() {
    return REPOSITORY.equals(type);
  }

  /** The repository this scope is about, when it is a repository scope with a valid name. */
  public Optional<RepositoryName> repository() {
    if (!isRepository()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RepositoryName.of(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The actions this registry knows, in order; {@code *} stands for all of them. */
  public Set<Action> knownActions() {
    Set<Action> known = new LinkedHashSet<>();
    for (String a : actions) {
      if (ALL.equals(a)) {
        known.addAll(List.of(Action.values()));
      }
      Action.fromScopeName(a).ifPresent(known::add);
    }
    return known;
  }

  /**
   * Whether this scope (a grant, such as a token's {@code access} entry) covers {@code wanted}:
   * same type and name, and every wanted action granted, {@code *} granting all.
   */
  public boolean covers(Scope wanted) {
    if (!type.equals(wanted.type) || !name.equals(wanted.name)) {
      return false;
    }
    return actions.contains(ALL) || actions.containsAll(wanted.actions);
  }

  /** A copy with other actions. */
  public Scope withActions(List<String> other) {
    return new Scope(type, name, other);
  }

  /** The scope as clients write it: {@code type:name:a,b}. */
  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions);
  }
}
