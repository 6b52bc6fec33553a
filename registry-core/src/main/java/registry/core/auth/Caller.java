package registry.core.auth;

import java.util.Optional;
import java.util.function.Predicate;
import registry.core.RepositoryName;

/**
 * Who is asking, once an {@link Authorizer} has let a request through, and what else they may
 * do. The protocol handler asks it about scopes beyond the request's own: the source of a
 * cross-repository mount, and which repositories a catalog or search lists.
 *
 * <p>Implementations are immutable and cheap to ask: a catalog asks once per repository.
 */
public interface Caller {

  /** The authenticated name, or empty for an anonymous caller. */
  Optional<String> name();

  /** Whether the caller may do every action of {@code scope}. */
  boolean permits(Scope scope);

  /**
   * Whether a catalog or search result may show {@code repository} to this caller. Default:
   * when the caller may pull it. A token server's catalog grant may say more (see the token
   * authorizer of {@code registry.http.jdk.auth}).
   */
  default boolean mayList(RepositoryName repository) {
    return permits(Scope.repository(repository, Action.PULL));
  }

  /** The caller of a registry without access control: anonymous, and permitted everything. */
  static Caller unrestricted() {
    return Callers.UNRESTRICTED;
  }

  /**
   * A caller with a name (null: anonymous) whose permissions the predicate decides.
   *
   * <pre>{@code
   * Caller ci = Caller.of("ci", scope -> scope.isRepository() && scope.name().startsWith("ci/"));
   * }</pre>
   */
  static Caller of(String name, Predicate<Scope> permits) {
    return new Callers.Simple(Optional.ofNullable(name), permits);
  }
}
