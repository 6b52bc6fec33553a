package registry.http.jdk.internal.auth;

import java.util.List;

/**
 * A repository pattern of a permission rule: {@code *} matches any run of characters,
 * {@code /} included ({@code team/*} covers {@code team/app} and {@code team/x/app}), and
 * {@code ${user}} stands for the caller's name, so {@code ${user}/*} is everyone's own space.
 */
public final class RepositoryPattern {

  private static final String USER = "${user}";

  private final String text;

  private RepositoryPattern(String text) {
    this.text = text;
  }

  /** A pattern; refuses an empty one. */
  public static RepositoryPattern of(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("a repository pattern must not be empty");
    }
    return new RepositoryPattern(text);
  }

  /** Whether the pattern names the caller; such a pattern never matches an anonymous caller. */
  public boolean mentionsUser() {
    return text.contains(USER);
  }

  /** Whether {@code repository} matches, for the caller {@code user} (null: anonymous). */
  public boolean matches(String repository, String user) {
    if (mentionsUser() && user == null) {
      return false;
    }
    // The user's name is literal text here even if it holds '*': split first, then substitute.
    List<String> parts = List.of(text.split("\\*", -1));
    String[] literal = new String[parts.size()];
    for (int i = 0; i < literal.length; i++) {
      literal[i] = user == null ? parts.get(i) : parts.get(i).replace(USER, user);
    }
    return glob(literal, repository);
  }

  /** {@code literal[0] * literal[1] * ... * literal[n]}: first anchored, last anchored, middle greedy. */
  private static boolean glob(String[] literal, String s) {
    int n = literal.length;
    if (n == 1) {
      return s.equals(literal[0]);
    }
    String first = literal[0];
    String last = literal[n - 1];
    if (s.length() < first.length() + last.length() || !s.startsWith(first) || !s.endsWith(last)) {
      return false;
    }
    int at = first.length();
    int end = s.length() - last.length();
    for (int i = 1; i < n - 1; i++) {
      int found = s.indexOf(literal[i], at);
      if (found < 0 || found + literal[i].length() > end) {
        return false;
      }
      at = found + literal[i].length();
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
