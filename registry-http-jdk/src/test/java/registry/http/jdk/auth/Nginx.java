package registry.http.jdk.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import registry.testkit.peers.Peers;

/**
 * nginx (Debian package) in front of a plain-HTTP registry, as the README configures it: TLS,
 * {@code auth_basic}, unlimited body size, no request buffering, {@code X-Forwarded-*} headers.
 * One process ({@code master_process off}) on a loopback port, its files in a test directory.
 */
final class Nginx implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dir;

  private Nginx(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  static Nginx start(Path dir, int backendPort, TestPki pki, Path htpasswd) throws Exception {
    // Debian installs it in /usr/sbin, which a user's PATH may lack.
    Path sbin = Path.of("/usr/sbin/nginx");
    Path nginx = Files.isExecutable(sbin) ? sbin : Peers.require("nginx", "nginx");
    Files.createDirectories(dir);
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String d = dir.toString();
    // Workers of a root master run as nobody, who cannot read the test's private directory.
    String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
    String conf = user
        + "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        + "error_log " + d + "/error.log info;\npid " + d + "/nginx.pid;\n"
        + "events { worker_connections 64; }\n"
        + "http {\n"
        + "  access_log " + d + "/access.log;\n"
        + "  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d + "/proxy;\n"
        + "  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n  scgi_temp_path " + d + "/scgi;\n"
        + "  map $upstream_http_docker_distribution_api_version $docker_distribution_api_version {\n"
        + "    '' 'registry/2.0';\n  }\n"
        + "  server {\n"
        + "    listen 127.0.0.1:" + port + " ssl;\n"
        + "    ssl_certificate " + pki.cert() + ";\n    ssl_certificate_key " + pki.key() + ";\n"
        + "    ssl_protocols TLSv1.2 TLSv1.3;\n"
        + "    client_max_body_size 0;\n    chunked_transfer_encoding on;\n"
        + "    location /v2/ {\n"
        + "      auth_basic \"registry\";\n      auth_basic_user_file " + htpasswd + ";\n"
        + "      add_header Docker-Distribution-Api-Version $docker_distribution_api_version always;\n"
        + "      proxy_pass http://127.0.0.1:" + backendPort + ";\n"
        + "      proxy_http_version 1.1;\n"
        + "      proxy_request_buffering off;\n      proxy_buffering off;\n"
        + "      proxy_set_header Host $http_host;\n"
        + "      proxy_set_header X-Forwarded-Host $http_host;\n"
        + "      proxy_set_header X-Forwarded-Proto $scheme;\n"
        + "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        + "      proxy_read_timeout 900;\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    Path file = Files.writeString(dir.resolve("nginx.conf"), conf);
    Process p = new ProcessBuilder(nginx.toString(), "-e", d + "/error.log", "-p", d, "-c", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    Nginx n = new Nginx(p, port, dir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("nginx exited " + p.exitValue() + ": " + n.log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return n;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    n.close();
    throw new AssertionError("nginx did not listen on " + port + ": " + n.log());
  }

  int port() {
    return port;
  }

  /** What nginx logged, for failure messages. */
  String log() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "(no error.log)";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
