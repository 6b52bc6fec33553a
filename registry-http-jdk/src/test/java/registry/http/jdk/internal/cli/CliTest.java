package registry.http.jdk.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(r.out()).contains("serve [config.yml]", "garbage-collect [-d|--dry-run] [-m|--delete-untagged]",
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
}
