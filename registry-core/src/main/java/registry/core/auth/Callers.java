package registry.core.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** The callers {@link Caller} makes. */
final class Callers {

  static final Caller UNRESTRICTED = new Caller() {
    @Override
    public Optional<String> name() {
      return Optional.empty();
    }

    @Override
    public boolean permits(Scope scope) {
      return true;
    }

    @Override
    public String toString() {
      return "Caller[unrestricted]";
    }
  };

  private Callers() {}

  /** A named (or anonymous) caller whose permissions a predicate decides. */
  record Simple(Optional<String> name, Predicate<Scope> rule) implements Caller {
    Simple {
      Objects.requireNonNull(rule, "permits");
    }

    @Override
    public boolean permits(Scope scope) {
      return rule.test(scope);
    }

    @Override
    public String toString() {
      return "Caller[" + name.orElse("anonymous") + "]";
    }
  }
}
