package registry.http.jdk;

import registry.http.jdk.internal.cli.Cli;

/**
 * The stand-alone registry, with the commands of {@code registry:2}:
 *
 * <pre>
 * java -p registry-http-jdk/target/modules -m registry.http.jdk serve [config.yml]
 * java -p registry-http-jdk/target/modules -m registry.http.jdk garbage-collect [--dry-run] [--delete-untagged] config.yml
 * java -p registry-http-jdk/target/modules -m registry.http.jdk --help
 * </pre>
 *
 * <p>{@code serve} with no file serves filesystem storage under {@code ./data} on
 * {@code http://127.0.0.1:5000}. A file is read as distribution's {@code config.yml}, for the keys
 * that apply ({@code --help} lists them). Exit codes: 0 done, 1 failed, 2 usage or configuration
 * refused before anything started.
 */
public final class Main {

  private Main() {}

  /**
   * Runs the command in {@code args} (default {@code serve}).
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    Cli.prepare();
    int code = Cli.run(args, System.getenv(), System.out, System.err);
    if (code != Cli.OK) {
      System.exit(code);
    }
  }
}
