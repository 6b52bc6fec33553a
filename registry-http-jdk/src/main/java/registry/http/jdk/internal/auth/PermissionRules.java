package registry.http.jdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import registry.core.auth.Action;

/**
 * The parsed permissions file: groups of users, and rules that grant actions on repositories
 * to users, groups or anonymous callers. Rules only grant; what no rule grants is refused.
 * YAML, of which JSON is a subset, so either format reads:
 *
 * <pre>
 * groups:
 *   admins: [alice]
 * rules:
 *   - users: ["*"]               # any authenticated user
 *     repositories: ["${user}/*"]
 *     actions: [pull, push, delete]
 *   - groups: [admins]
 *     repositories: ["*"]
 *     actions: ["*"]             # pull, push and delete
 *   - anonymous: true            # everyone, with credentials or without
 *     repositories: ["public/*"]
 *     actions: [pull]
 * </pre>
 */
public final class PermissionRules {

  /** One rule. */
  record Rule(Set<String> users, Set<String> groups, boolean anonymous,
      List<RepositoryPattern> repositories, Set<Action> actions) {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP = Set.of("groups", "rules");
  private static final Set<String> RULE = Set.of("users", "groups", "anonymous", "repositories", "actions");

  private final Map<String, Set<String>> groupsOfUser;
  private final List<Rule> rules;

  private PermissionRules(Map<String, Set<String>> groupsOfUser, List<Rule> rules) {
    this.groupsOfUser = groupsOfUser;
    this.rules = rules;
  }

  /** Parses a file. */
  public static PermissionRules parse(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses YAML or JSON text; an invalid document is an {@link IllegalArgumentException}. */
  public static PermissionRules parse(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML or JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a mapping with 'groups' and 'rules'");
    }
    onlyKnown(root, TOP, "the top level");
    Map<String, Set<String>> groupsOfUser = new HashMap<>();
    JsonNode groups = root.path("groups");
    if (!groups.isMissingNode() && !groups.isNull()) {
      if (!groups.isObject()) {
        throw new IllegalArgumentException("'groups' must map group names to lists of users");
      }
      for (Map.Entry<String, JsonNode> g : groups.properties()) {
        for (String user : strings(g.getValue(), "group " + g.getKey())) {
          groupsOfUser.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(g.getKey());
        }
      }
    }
    List<Rule> rules = new ArrayList<>();
    JsonNode list = root.path("rules");
    if (!list.isArray()) {
      throw new IllegalArgumentException("'rules' must be a list");
    }
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(list.get(i), "rule " + (i + 1)));
    }
    return new PermissionRules(groupsOfUser, List.copyOf(rules));
  }

  /** Every authenticated user may do everything; anonymous callers nothing. */
  public static PermissionRules anyUser() {
    Rule all = new Rule(Set.of("*"), Set.of(), false, List.of(RepositoryPattern.of("*")), EnumSet.allOf(Action.class));
    return new PermissionRules(Map.of(), List.of(all));
  }

  /**
   * The actions the rules grant {@code user} (null: anonymous) on {@code repository}.
   */
  public Set<Action> granted(String user, String repository) {
    Set<Action> granted = EnumSet.noneOf(Action.class);
    Set<String> groups = user == null ? Set.of() : groupsOfUser.getOrDefault(user, Set.of());
    for (Rule r : rules) {
      if (applies(r, user, groups) && granted(r, repository, user)) {
        granted.addAll(r.actions());
      }
    }
    return granted;
  }

  private static boolean applies(Rule r, String user, Set<String> groups) {
    // What anyone may do without credentials, a logged-in user may do too: `docker login`
    // must never take rights away.
    if (r.anonymous()) {
      return true;
    }
    if (user == null) {
      return false;
    }
    if (r.users().contains("*") || r.users().contains(user)) {
      return true;
    }
    for (String g : groups) {
      if (r.groups().contains(g)) {
        return true;
      }
    }
    return false;
  }

  private static boolean granted(Rule r, String repository, String user) {
    for (RepositoryPattern p : r.repositories()) {
      if (p.matches(repository, user)) {
        return true;
      }
    }
    return false;
  }

  private static Rule rule(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be a mapping");
    }
    onlyKnown(node, RULE, where);
    Set<String> users = new LinkedHashSet<>(strings(node.path("users"), where + " users"));
    Set<String> groups = new LinkedHashSet<>(strings(node.path("groups"), where + " groups"));
    JsonNode anon = node.path("anonymous");
    if (!anon.isMissingNode() && !anon.isBoolean()) {
      throw new IllegalArgumentException(where + ": 'anonymous' must be true or false");
    }
    boolean anonymous = anon.asBoolean(false);
    if (users.isEmpty() && groups.isEmpty() && !anonymous) {
      throw new IllegalArgumentException(where + " applies to no one: give users, groups or anonymous: true");
    }
    List<RepositoryPattern> repositories = new ArrayList<>();
    for (String p : strings(node.path("repositories"), where + " repositories")) {
      repositories.add(RepositoryPattern.of(p));
    }
    if (repositories.isEmpty()) {
      throw new IllegalArgumentException(where + " names no repositories (\"*\" means all)");
    }
    Set<Action> actions = EnumSet.noneOf(Action.class);
    for (String a : strings(node.path("actions"), where + " actions")) {
      if (a.equals("*")) {
        actions.addAll(EnumSet.allOf(Action.class));
      } else {
        actions.add(Action.fromScopeName(a).orElseThrow(() -> new IllegalArgumentException(
            where + ": unknown action '" + a + "' (pull, push, delete or *)")));
      }
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException(where + " grants no actions");
    }
    return new Rule(Set.copyOf(users), Set.copyOf(groups), anonymous, List.copyOf(repositories), actions);
  }

  private static void onlyKnown(JsonNode node, Set<String> known, String where) {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String name = property.getKey();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown key '" + name + "' (known: " + known + ")");
      }
    }
  }

  /** A list of strings, or a single string; missing is empty. */
  private static List<String> strings(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual() || n.asText().isEmpty()) {
        throw new IllegalArgumentException(where + " must be a list of non-empty strings");
      }
      out.add(n.asText());
    }
    return out;
  }
}
