package registry.http.jdk.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import registry.testkit.peers.Peers;

/** Keys and self-signed certificates for 127.0.0.1 made by {@code openssl} in a directory, as an operator makes them. */
public final class OpenSsl {

  /** A certificate and its key, as PEM files. */
  public record Pair(Path certificate, Path key) {}

  private final Path dir;

  public OpenSsl(Path dir) {
    this.dir = dir;
  }

  /** Runs openssl in the directory; fails the test, with openssl's output, unless it succeeds. */
  public void run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Peers.require("openssl", "openssl").toString()));
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(log)).isZero();
  }

  /**
   * {@code name.crt}, self-signed, over the existing {@code name.key}, or over a new key made with
   * {@code newKey} (such as {@code -newkey rsa:2048}) and written to {@code name.key}.
   */
  public Pair certificate(String name, String... newKey) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("req", "-x509", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-out", name + ".crt"));
    if (newKey.length == 0) {
      args.addAll(List.of("-key", name + ".key"));
    } else {
      args.addAll(List.of("-nodes", "-keyout", name + ".key"));
      args.addAll(List.of(newKey));
    }
    run(args.toArray(String[]::new));
    return new Pair(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
  }

  /** A PKCS#1 RSA key ({@code BEGIN RSA PRIVATE KEY}) in {@code name.key}, and its certificate. */
  public Pair pkcs1Rsa(String name) throws IOException, InterruptedException {
    run("genrsa", "-traditional", "-out", name + ".key", "2048");
    assertThat(Files.readString(dir.resolve(name + ".key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    return certificate(name);
  }
}
