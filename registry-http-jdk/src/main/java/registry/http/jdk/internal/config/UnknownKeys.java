package registry.http.jdk.internal.config;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The rule for keys that neither distribution nor this server defines: they refuse the start,
 * naming the nearest valid key, because a misspelt key silently changes what runs (a misspelt
 * {@code auth} serves an open registry, a misspelt {@code rootdirectory} another directory).
 * With {@code --lenient} they are only warned about.
 */
final class UnknownKeys {

  private final boolean lenient;
  private final List<String> warnings;

  UnknownKeys(boolean lenient, List<String> warnings) {
    this.lenient = lenient;
    this.warnings = warnings;
  }

  /**
   * Refuses (or warns about) each of {@code present} that is not in {@code known}.
   *
   * @param section the dotted key of the mapping, empty for the top level
   */
  void check(String section, Collection<String> present, Collection<String> known) throws ConfigException {
    for (String name : present) {
      if (known.contains(name)) {
        continue;
      }
      String key = dotted(section, name);
      String message = "unknown key " + key + " (" + hint(section, name, known) + ")";
      if (!lenient) {
        throw ConfigException.unknownKey(key, message);
      }
      warnings.add(message + "; ignored");
    }
  }

  private static String hint(String section, String name, Collection<String> known) {
    String nearest = null;
    int best = Integer.MAX_VALUE;
    for (String k : new TreeSet<>(known)) {
      int d = distance(name, k);
      if (d < best) {
        best = d;
        nearest = k;
      }
    }
    // Farther than this, the "nearest" key is a guess that misleads more than it helps.
    if (nearest != null && best <= Math.max(2, name.length() / 3)) {
      return "did you mean " + dotted(section, nearest) + "?";
    }
    return known.isEmpty() ? "this section takes no keys" : "valid keys here: " + String.join(", ", new TreeSet<>(known));
  }

  private static String dotted(String section, String name) {
    return section.isEmpty() ? name : section + "." + name;
  }

  /** Edits from one to the other, a swap of two neighbours counting as one: typing slips. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
