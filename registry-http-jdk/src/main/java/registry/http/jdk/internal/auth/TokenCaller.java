package registry.http.jdk.internal.auth;

import java.util.List;
import java.util.Optional;
import registry.core.RepositoryName;
import registry.core.auth.Action;
import registry.core.auth.Caller;
import registry.core.auth.Scope;
import registry.http.jdk.auth.Permissions;

/**
 * The bearer of a verified token: it may do what the token's {@code access} grants. A catalog
 * shows it what it may pull by the token, or, when the token holds {@code registry:catalog:*},
 * what the permissions file lets its subject pull (with the built-in issuer), or everything
 * (an external token server that granted the catalog decided that, as with distribution).
 */
public final class TokenCaller implements Caller {

  private final Optional<String> subject;
  private final List<Scope> access;
  private final Permissions permissions;
  private final boolean catalog;

  /**
   * @param permissions the rules of the issuer, or null when they are not known here
   */
  public TokenCaller(Optional<String> subject, List<Scope> access, Permissions permissions) {
    this.subject = subject;
    this.access = List.copyOf(access);
    this.permissions = permissions;
    this.catalog = permits(Scope.catalog());
  }

  @Override
  public Optional<String> name() {
    return subject;
  }

  @Override
  public boolean permits(Scope scope) {
    for (Scope grant : access) {
      if (grant.covers(scope)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean mayList(RepositoryName repository) {
    Scope pull = Scope.repository(repository, Action.PULL);
    if (permits(pull)) {
      return true;
    }
    if (!catalog) {
      return false;
    }
    return permissions == null || permissions.permits(subject, pull);
  }

  @Override
  public String toString() {
    return "TokenCaller[" + subject.orElse("anonymous") + ", " + access + "]";
  }
}
