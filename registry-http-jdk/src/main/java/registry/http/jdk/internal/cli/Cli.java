package registry.http.jdk.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import registry.core.RegistryException;

/**
 * The command line: {@code serve}, {@code garbage-collect}, {@code --help}, {@code --version}.
 * Exit codes: 0 done, 1 failed, 2 refused (usage or configuration) before anything started.
 */
public final class Cli {

  /** Done. */
  public static final int OK = 0;
  /** Failed while working (storage unreachable, port taken, ...). */
  public static final int FAILED = 1;
  /** Bad usage or configuration, refused before anything started. */
  public static final int USAGE = 2;

  private Cli() {}

  /** Sets up what must precede any logger; call first thing in {@code main}. */
  public static void prepare() {
    Logging.prepare();
  }

  /**
   * Runs a command. {@code serve} returns only when it fails to start: once serving, the JVM's
   * shutdown ends it.
   *
   * @param env the environment, for {@code REGISTRY_*} overrides
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> list = Arrays.asList(args);
    String command = list.isEmpty() ? "serve" : list.get(0);
    List<String> rest = list.isEmpty() ? List.of() : list.subList(1, list.size());
    try {
      if (rest.contains("--help") || rest.contains("-h")) {
        out.print(Help.TEXT);
        return OK;
      }
      switch (command) {
        case "serve":
          return Serve.run(rest, env, out, err);
        case "garbage-collect":
          return GarbageCollect.run(rest, env, out, err);
        case "--help": case "-h": case "help":
          out.print(Help.TEXT);
          return OK;
        case "--version": case "-v": case "version":
          out.println("registry " + version());
          return OK;
        default:
          throw new UsageException("unknown command '" + command + "'; try --help");
      }
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    } catch (IOException | RegistryException e) {
      err.println("error: " + command + " failed: " + e);
      return FAILED;
    } catch (RuntimeException e) {
      // Not foreseen: the trace is for the bug report.
      err.println("error: " + command + " failed: " + e);
      e.printStackTrace(err);
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  /** The version Maven built, from a filtered resource (works on the class and module path alike). */
  static String version() {
    try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
