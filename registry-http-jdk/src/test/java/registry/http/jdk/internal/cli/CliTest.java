package registry.http.jdk.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir
  Path tmp;

  @Test
  void helpDocumentsTheCommandsAndEveryKey() {
    CliRun r = CliRun.of("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("serve [--lenient] [config.yml]", "garbage-collect [-d|--dry-run] [-m|--delete-untagged]",
        "--lenient", "refuses the start, naming the nearest valid key",
        "--grace-period DURATION", "storage.filesystem.rootdirectory", "storage.inmemory", "storage.s3.*",
        "storage.delete.enabled", "storage.maintenance.readonly.enabled", "storage.maintenance.uploadpurging",
        "http.addr", "http.host", "http.relativeurls", "http.draintimeout", "http.idletimeout", "http.headertimeout", "http.tlsprobes", "http.tls.certificate, http.tls.key", "log.level",
        "gc.enabled", "gc.interval", "gc.graceperiod", "gc.deleteuntagged", "notifications.endpoints", "auth.htpasswd", "auth.token",
        "REGISTRY_HTTP_ADDR",
        "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY");
    assertThat(CliRun.of("garbage-collect", "--help").out()).isEqualTo(r.out());
  }

  @Test
  void versionIsMavens() {
    CliRun r = CliRun.of("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).matches("registry \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void refusesUnknownCommandsAndArgumentsWithExitCode2() {
    CliRun r = CliRun.of("push");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown command 'push'");
    assertThat(CliRun.of("serve", "a.yml", "b.yml").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("serve", "--port", "5000").exitCode()).isEqualTo(2);
  }

  @Test
  void serveRefusesABadConfigurationBeforeListening() throws Exception {
    Path config = Files.writeString(tmp.resolve("config.yml"),
        "storage:\n  inmemory:\nhttp:\n  addr: 127.0.0.1:http\n");
    CliRun r = CliRun.of("serve", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("configuration refused: http.addr: port must be a number");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void serveRefusesAnUnknownDriverByName() throws Exception {
    Path config = Files.writeString(tmp.resolve("config.yml"), "storage:\n  azure:\n    accountname: x\n");
    CliRun r = CliRun.of("serve", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("storage.azure: no storage driver named 'azure'", "filesystem", "inmemory");
  }

  @Test
  void serveRefusesAnUnusableAuthSection() throws Exception {
    Path config = Files.writeString(tmp.resolve("config.yml"),
        "storage:\n  inmemory:\nauth:\n  htpasswd:\n    realm: basic-realm\n");
    CliRun r = CliRun.of("serve", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("configuration refused: ", "auth.htpasswd", "path");
    Files.writeString(config, "storage:\n  inmemory:\nauth:\n  htpasswd:\n    realm: r\n    path: "
        + tmp.resolve("missing.htpasswd") + "\n");
    assertThat(CliRun.of("serve", config.toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void serveRefusesUnusableTlsFilesNamingTheKey() throws Exception {
    Path config = Files.writeString(tmp.resolve("config.yml"), "storage:\n  inmemory:\nhttp:\n  tls:\n"
        + "    certificate: " + tmp.resolve("missing.crt") + "\n    key: " + tmp.resolve("missing.key") + "\n");
    CliRun r = CliRun.of("serve", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("configuration refused: http.tls.certificate: cannot read");
  }

  @Test
  void serveNamesATakenAddressAsHostAndPort() throws Exception {
    for (String host : new String[] {"127.0.0.1", "::1"}) {
      try (ServerSocket taken = new ServerSocket()) {
        InetAddress ip = InetAddress.getByName(host);
        taken.bind(new InetSocketAddress(ip, 0));
        String addr = (host.contains(":") ? "[" + ip.getHostAddress() + "]" : host) + ":" + taken.getLocalPort();
        Path config = Files.writeString(tmp.resolve("config.yml"), "storage:\n  inmemory:\nhttp:\n  addr: \"" + addr + "\"\n");
        CliRun r = CliRun.of("serve", config.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: cannot listen on " + addr + ": ");
      }
    }
  }

  @Test
  void aMisspeltKeyRefusesBothCommandsUnlessLenient() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // The taken port ends a serve that got past its configuration, so no test ever blocks.
      Path config = Files.writeString(tmp.resolve("config.yml"), "storage:\n  inmemory:\nhttp:\n  addr: 127.0.0.1:"
          + taken.getLocalPort() + "\nauht:\n  htpasswd:\n    realm: r\n    path: /etc/registry/htpasswd\n");
      CliRun serve = CliRun.of("serve", config.toString());
      assertThat(serve.exitCode()).as(serve.err()).isEqualTo(2);
      assertThat(serve.err()).isEqualTo("error: configuration refused: unknown key auht (did you mean auth?)\n");
      assertThat(serve.out()).isEmpty();
      CliRun gc = CliRun.of("garbage-collect", "--dry-run", config.toString());
      assertThat(gc.exitCode()).as(gc.err()).isEqualTo(2);
      assertThat(gc.err()).contains("configuration refused: unknown key auht (did you mean auth?)");

      CliRun lenient = CliRun.of("serve", "--lenient", config.toString());
      assertThat(lenient.err()).contains("warning: " + config + ": unknown key auht (did you mean auth?); ignored",
          "error: cannot listen on 127.0.0.1:" + taken.getLocalPort());
      assertThat(lenient.exitCode()).isEqualTo(1);
      CliRun lenientGc = CliRun.of("garbage-collect", "--lenient", "--dry-run", config.toString());
      assertThat(lenientGc.exitCode()).as(lenientGc.err()).isZero();
      assertThat(lenientGc.err()).contains("unknown key auht (did you mean auth?); ignored");
    }
  }
}
