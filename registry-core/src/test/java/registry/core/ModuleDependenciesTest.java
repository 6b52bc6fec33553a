package registry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module of the reactor requires exactly what the README's table "What each module may
 * require" names, each with its reason there: a new dependency fails this test until someone
 * writes down why it is needed (as go-containerregistry pins its registry package's imports).
 * Reads the sources, so it needs no other module built.
 */
class ModuleDependenciesTest {

  /** The reactor's root: tests run in the module's directory. */
  private static final Path ROOT = Path.of("..");

  private static final String TABLE_HEADING = "### What each module may require";

  private static final Pattern MODULE = Pattern.compile("\\bmodule\\s+([\\w.]+)\\s*\\{");
  private static final Pattern REQUIRES = Pattern.compile("\\brequires\\s+((?:(?:static|transitive)\\s+)*)([\\w.]+)\\s*;");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([\\w.]+)`\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*(.*?)\\s*\\|$");

  @Test
  void everyRequiresIsInTheReadmeTableAndEveryRowIsRequired() throws IOException {
    Set<String> required = requiresOfEveryModule();
    Set<String> allowed = readmeTable();
    assertThat(required).as("requires of the module-info files").isNotEmpty();
    assertThat(required).as("requires that the README's table does not name (add a row saying why)")
        .isSubsetOf(allowed);
    assertThat(allowed).as("rows of the README's table that no module-info requires (remove them)")
        .isSubsetOf(required);
  }

  /** Each {@code requires} as {@code "module: [static ][transitive ]name"}. */
  private static Set<String> requiresOfEveryModule() throws IOException {
    Set<String> found = new TreeSet<>();
    List<Path> descriptors;
    try (Stream<Path> modules = Files.list(ROOT)) {
      descriptors = modules.map(m -> m.resolve("src/main/java/module-info.java")).filter(Files::isRegularFile).toList();
    }
    assertThat(descriptors).as("module-info files under " + ROOT.toAbsolutePath().normalize()).isNotEmpty();
    for (Path descriptor : descriptors) {
      String source = withoutComments(Files.readString(descriptor, StandardCharsets.UTF_8));
      Matcher module = MODULE.matcher(source);
      assertThat(module.find()).as("a module declaration in " + descriptor).isTrue();
      Matcher r = REQUIRES.matcher(source);
      while (r.find()) {
        found.add(module.group(1) + ": " + r.group(1).replaceAll("\\s+", " ") + r.group(2));
      }
    }
    return found;
  }

  /** The table's rows in the same form; a row without a reason fails. */
  private static Set<String> readmeTable() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf(TABLE_HEADING);
    assertThat(start).as("the README's heading " + TABLE_HEADING).isNotNegative();
    Set<String> rows = new TreeSet<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      Matcher row = ROW.matcher(line.trim());
      if (row.matches()) {
        assertThat(row.group(3)).as("the reason for " + row.group(2) + " in " + row.group(1)).isNotBlank();
        rows.add(row.group(1) + ": " + row.group(2).trim().replaceAll("\\s+", " "));
      }
    }
    return rows;
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
  }
}
