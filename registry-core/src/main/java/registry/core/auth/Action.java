package registry.core.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a request does to a repository, named as in Docker token scopes
 * ({@code repository:team/app:pull,push}).
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/scope/">Token scope documentation</a>
 */
public enum Action {
  /** Read manifests, blobs, tags and referrers. */
  PULL,
  /** Upload blobs and put manifests (clients ask for {@code pull} with it: pushing reads too). */
  PUSH,
  /** Delete manifests, tags and blobs. */
  DELETE;

  /** The name used in scopes and token claims: {@code pull}, {@code push}, {@code delete}. */
  public String scopeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action of a scope name, ignoring case; empty for names this registry does not know. */
  public static Optional<Action> fromScopeName(String name) {
    for (Action a : values()) {
      if (a.scopeName().equalsIgnoreCase(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
