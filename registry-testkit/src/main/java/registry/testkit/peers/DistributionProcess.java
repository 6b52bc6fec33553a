package registry.testkit.peers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * CNCF Distribution ({@code docker-registry}, Debian's 2.8.2) serving a directory on a loopback
 * port, for compatibility tests. Closing it stops the process.
 */
public final class DistributionProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private DistributionProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code docker-registry serve} over {@code root} with deletes enabled. */
  public static DistributionProcess serveFilesystem(Path root, Path workDir) throws Exception {
    return serve("filesystem:\n    rootdirectory: " + root.toAbsolutePath() + "\n", workDir);
  }

  /**
   * Starts {@code docker-registry serve} with deletes enabled, redirects and upload purging off,
   * and the given driver section of {@code storage} (indented YAML such as
   * {@code "s3:\n    bucket: b\n"}).
   */
  public static DistributionProcess serve(String driverSection, Path workDir) throws Exception {
    Path executable = Peers.require("docker-registry", "docker-registry");
    int port = freePort();
    Path config = workDir.resolve("distribution-config.yml");
    Files.writeString(config, "version: 0.1\n"
        + "log:\n  level: warn\n"
        + "storage:\n  " + driverSection
        + "  delete:\n    enabled: true\n"
        + "  redirect:\n    disable: true\n"
        + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
        + "http:\n  addr: 127.0.0.1:" + port + "\n");
    Path log = workDir.resolve("distribution.log");
    ProcessBuilder pb = new ProcessBuilder(executable.toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("AWS_CA_BUNDLE"); // its Go S3 client refuses the machine's bundle
    DistributionProcess d = new DistributionProcess(pb.start(), port, log);
    d.awaitReady();
    return d;
  }

  /** The base URI, such as {@code http://127.0.0.1:5001}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void awaitReady() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri().resolve("/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    close();
    throw new IllegalStateException("docker-registry did not start: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
