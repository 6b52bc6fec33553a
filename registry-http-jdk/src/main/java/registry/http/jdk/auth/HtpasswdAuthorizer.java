package registry.http.jdk.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import registry.core.auth.AccessDecision;
import registry.core.auth.AccessRequest;
import registry.core.auth.Authorizer;
import registry.core.auth.BasicCredentials;
import registry.core.auth.Caller;
import registry.core.auth.Scope;
import registry.http.jdk.internal.auth.Challenges;
import registry.http.jdk.internal.auth.LoginAttempts;
import registry.http.jdk.internal.auth.LoginLimit;

/**
 * HTTP Basic authentication against an htpasswd file, with per-repository {@link Permissions}:
 * distribution's {@code auth.htpasswd}, plus rules.
 *
 * <pre>{@code
 * Authorizer auth = HtpasswdAuthorizer.builder()
 *     .realm("registry")
 *     .users(Htpasswd.load(Path.of("/etc/registry/htpasswd")))
 *     .permissions(Permissions.load(Path.of("/etc/registry/permissions.yml")))  // default: any user, everything
 *     .build();
 * RegistryServer.builder().storage(driver).authorizer(auth).build().start();
 * }</pre>
 *
 * <p>Answers: a caller without credentials (or with an empty user name, as some clients send)
 * is anonymous and gets what the anonymous rules grant, else {@code 401} with
 * {@code WWW-Authenticate: Basic realm="..."}; the base endpoint {@code /v2/} always asks
 * anonymous callers to authenticate, which is how {@code docker login} and clients that ping
 * first learn to send credentials. Wrong credentials get {@code 401} and count against the user
 * at the client's address; past {@link Builder#failureLimit} that user gets
 * {@code 429 TOOMANYREQUESTS} there before any password is checked. The address alone may fail
 * ten times as often (one client trying many names); past that, only names in the file are
 * still checked, so another user's correct password is never refused. A known user lacking a
 * right gets {@code 403 DENIED}.
 * Passwords are never logged.
 */
public final class HtpasswdAuthorizer implements Authorizer {

  private final String challenge;
  private final Htpasswd users;
  private final Permissions permissions;
  private final LoginAttempts logins;

  private HtpasswdAuthorizer(Builder b) {
    this.challenge = Challenges.basic(b.realm);
    this.users = b.users;
    this.permissions = b.permissions;
    this.logins = b.users.logins(b.limit);
  }

  /** A builder; {@link Builder#users} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AccessDecision authorize(AccessRequest request) {
    Optional<String> authorization = request.authorization();
    Optional<BasicCredentials> credentials = request.basicCredentials();
    if (authorization.isPresent() && credentials.isEmpty()) {
      return AccessDecision.challenge(challenge, "unsupported or malformed Authorization header; use Basic");
    }
    if (credentials.isEmpty() || credentials.get().isAnonymous()) {
      Caller anonymous = caller(Optional.empty());
      if (!request.scopes().isEmpty() && request.scopes().stream().allMatch(anonymous::permits)) {
        return AccessDecision.allow(anonymous);
      }
      return AccessDecision.challenge(challenge, "authentication required");
    }
    BasicCredentials c = credentials.get();
    LoginAttempts.Outcome login = logins.attempt(c.username(), c.password(), request.clientAddress());
    if (login.limited().isPresent()) {
      return login.limited().get();
    }
    if (!login.accepted()) {
      return AccessDecision.challenge(challenge, "invalid username or password");
    }
    Caller user = caller(Optional.of(c.username()));
    for (Scope scope : request.scopes()) {
      if (!user.permits(scope)) {
        return AccessDecision.deny("user " + c.username() + " may not " + String.join(",", scope.actions())
            + " " + scope.name());
      }
    }
    return AccessDecision.allow(user);
  }

  private Caller caller(Optional<String> name) {
    return Caller.of(name.orElse(null), scope -> permissions.permits(name, scope));
  }

  @Override
  public String toString() {
    return "HtpasswdAuthorizer[" + users.file() + ", " + permissions + "]";
  }

  /**
   * Settings of an {@link HtpasswdAuthorizer}. Setters refuse {@code null} with a
   * {@link NullPointerException} naming the setting; {@link #build()} copies the settings.
   */
  public static final class Builder {
    private String realm = "registry";
    private Htpasswd users;
    private Permissions permissions = Permissions.anyUser();
    private LoginLimit limit = LoginLimit.DEFAULT;

    private Builder() {}

    /** The realm of the Basic challenge (distribution's {@code auth.htpasswd.realm}; default {@code registry}). */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /** The users (distribution's {@code auth.htpasswd.path}). Required. */
    public Builder users(Htpasswd users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    /** Who may do what (default {@link Permissions#anyUser()}: every user everything, anonymous nothing). */
    public Builder permissions(Permissions permissions) {
      this.permissions = Objects.requireNonNull(permissions, "permissions");
      return this;
    }

    /**
     * How many failed logins a user may make in a row from one address, forgiven at that many
     * per {@code period} (default 10 per minute); past that the user gets {@code 429} there. All
     * users at one address together may fail ten times as many; past that, names not in the file
     * get {@code 429} and users in it are still checked within their own limit. Behind a reverse
     * proxy every client has the proxy's address: let the proxy authenticate, or raise this.
     */
    public Builder failureLimit(int failures, Duration period) {
      this.limit = new LoginLimit(failures, period);
      return this;
    }

    /** The authorizer. */
    public HtpasswdAuthorizer build() {
      if (users == null) {
        throw new IllegalStateException("users (an htpasswd file) are required");
      }
      return new HtpasswdAuthorizer(this);
    }
  }
}
