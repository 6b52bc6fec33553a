package registry.http.jdk.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir
  Path tmp;

  private static ConfigReader.Result parse(String yaml) throws ConfigException {
    return ConfigReader.parse(yaml, "config.yml", NO_ENV);
  }

  private static void assertRefused(String yaml, String key, String messagePart) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + ": ").hasMessageContaining(messagePart)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
  }

  private static void assertUnknown(String yaml, String key, String hint) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown key " + key + " (" + hint)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
  }

  @Test
  void withoutAFileServesDataOnLoopbackPort5000() throws Exception {
    ConfigReader.Result r = ConfigReader.read(Optional.empty(), NO_ENV);
    Config c = r.config();
    assertThat(r.warnings()).isEmpty();
    assertThat(c.storage().driver()).isEqualTo("filesystem");
    assertThat(c.storage().parameters()).containsEntry("rootdirectory", "./data");
    assertThat(c.storage().describe()).isEqualTo("filesystem ./data");
    assertThat(c.storage().deleteEnabled()).isFalse();
    assertThat(c.storage().readOnly()).isFalse();
    assertThat(c.storage().uploadPurging()).isEqualTo(
        new Config.UploadPurging(true, Duration.ofHours(168), Duration.ofHours(24), false));
    assertThat(c.http().addr()).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000));
    assertThat(c.http().tls()).isEmpty();
    assertThat(c.http().drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.log()).isEqualTo(new Config.Log(System.Logger.Level.INFO, true));
    assertThat(c.gc()).isEqualTo(new Config.Gc(false, Duration.ofHours(24), Duration.ofHours(1), false));
  }

  @Test
  void readsEveryKeyThatApplies() throws Exception {
    Path cert = Files.writeString(tmp.resolve("cert.pem"), "");
    String yaml = String.join("\n",
        "version: 0.1",
        "log:",
        "  level: debug",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        "    rootdirectory: /srv/registry",
        "  delete:",
        "    enabled: true",
        "  maintenance:",
        "    uploadpurging:",
        "      enabled: true",
        "      age: 48h",
        "      interval: 2h",
        "      dryrun: true",
        "    readonly:",
        "      enabled: true",
        "http:",
        "  addr: :5001",
        "  host: https://registry.example.com",
        "  relativeurls: true",
        "  draintimeout: 30s",
        "  tls:",
        "    certificate: " + cert,
        "    key: /etc/registry/key.pem",
        "    minimumtls: tls1.3",
        "gc:",
        "  enabled: true",
        "  interval: 6h",
        "  graceperiod: 2h",
        "  deleteuntagged: true",
        "");
    ConfigReader.Result r = parse(yaml);
    assertThat(r.warnings()).isEmpty();
    Config c = r.config();
    assertThat(c.storage()).isEqualTo(new Config.Storage("filesystem", Map.of("rootdirectory", "/srv/registry"), true,
        true, new Config.UploadPurging(true, Duration.ofHours(48), Duration.ofHours(2), true)));
    assertThat(c.http().addr()).isEqualTo(new InetSocketAddress(5001));
    assertThat(c.http().addr().getAddress().isAnyLocalAddress()).isTrue();
    assertThat(c.http().host()).contains(URI.create("https://registry.example.com"));
    assertThat(c.http().relativeUrls()).isTrue();
    assertThat(c.http().drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.http().tls()).contains(new Config.Tls(cert, Path.of("/etc/registry/key.pem"), "tls1.3"));
    assertThat(c.log()).isEqualTo(new Config.Log(System.Logger.Level.DEBUG, false));
    assertThat(c.gc()).isEqualTo(new Config.Gc(true, Duration.ofHours(6), Duration.ofHours(2), true));
  }

  @Test
  void passesTheS3SectionToTheDriverAsWritten() throws Exception {
    Config c = parse("storage:\n  s3:\n    bucket: images\n    region: eu-west-1\n    secure: false\n"
        + "    chunksize: 10485760\n    regionendpoint: http://127.0.0.1:9000\n    keyid:\n").config();
    assertThat(c.storage().driver()).isEqualTo("s3");
    assertThat(c.storage().parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("bucket", "images",
        "region", "eu-west-1", "secure", false, "chunksize", 10485760, "regionendpoint", "http://127.0.0.1:9000"));
    assertThat(c.storage().describe()).isEqualTo("s3 images");
  }

  @Test
  void keepsTheAuthSectionAsWrittenForTheAuthConfiguration() throws Exception {
    Config c = parse("storage:\n  inmemory:\nauth:\n  htpasswd:\n    realm: basic-realm\n"
        + "    path: /etc/registry/htpasswd\n").config();
    assertThat(c.auth()).isEqualTo(Map.of("htpasswd", Map.of("realm", "basic-realm", "path", "/etc/registry/htpasswd")));
    assertThat(parse("storage:\n  inmemory:\n").config().auth()).isEmpty();
  }

  @Test
  void answersTlsProbesUnlessTold() throws Exception {
    assertThat(parse("storage:\n  inmemory:\n").config().http().answerTlsProbes()).isTrue();
    assertThat(parse("storage:\n  inmemory:\nhttp:\n  tlsprobes: false\n").config().http().answerTlsProbes()).isFalse();
  }

  @Test
  void readsNotificationEndpointsAsDistributionWritesThem() throws Exception {
    Config c = parse("storage:\n  inmemory:\nhttp:\n  idletimeout: 2m\n  headertimeout: 5s\nnotifications:\n  events:\n    includereferences: true\n"
        + "  endpoints:\n    - name: audit\n      url: http://127.0.0.1:9000/events\n"
        + "      headers:\n        Authorization: [Bearer abc]\n      timeout: 500ms\n      threshold: 3\n      backoff: 2s\n"
        + "      ignoredmediatypes: [application/octet-stream]\n      ignore:\n        actions: [pull]\n"
        + "    - name: off\n      disabled: true\n      url: http://127.0.0.1:9001/\n").config();
    assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.http().headerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(parse("storage:\n  inmemory:\n").config().http().headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.notifications()).hasSize(1);
    Config.Notification n = c.notifications().get(0);
    assertThat(n.name()).isEqualTo("audit");
    assertThat(n.url()).isEqualTo(URI.create("http://127.0.0.1:9000/events"));
    assertThat(n.headers()).containsEntry("Authorization", "Bearer abc");
    assertThat(n.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(n.threshold()).isEqualTo(3);
    assertThat(n.backoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(n.ignoredMediaTypes()).containsExactly("application/octet-stream");
    assertThat(n.ignoredActions()).containsExactly(registry.core.RegistryEvent.Action.PULL);
    assertRefused("storage:\n  inmemory:\nnotifications:\n  endpoints:\n    - name: x\n      url: ftp://h/\n",
        "notifications.endpoints[0].url", "http or https");
    assertRefused("storage:\n  inmemory:\nnotifications:\n  endpoints:\n    - url: http://h/\n      threshold: 0\n",
        "notifications.endpoints[0].threshold", "positive");
  }

  @Test
  void inMemoryNeedsNoParameters() throws Exception {
    Config c = parse("storage:\n  inmemory:\n").config();
    assertThat(c.storage().driver()).isEqualTo("inmemory");
    assertThat(c.storage().parameters()).isEmpty();
    assertThat(c.storage().describe()).isEqualTo("inmemory");
  }

  @Test
  void warnsAboutDistributionsSettingsThatDoNotApply() throws Exception {
    // The config.yml of distribution's own image, plus keys distribution defines and we lack.
    String yaml = String.join("\n",
        "version: 0.1",
        "loglevel: info",
        "log:",
        "  fields:",
        "    service: registry",
        "storage:",
        "  cache:",
        "    blobdescriptor: inmemory",
        "  filesystem:",
        "    rootdirectory: /var/lib/registry",
        "    maxthreads: 100",
        "http:",
        "  addr: :5000",
        "  headers:",
        "    X-Content-Type-Options: [nosniff]",
        "health:",
        "  storagedriver:",
        "    enabled: true",
        "policy:",
        "  repository:",
        "    classes: []",
        "");
    ConfigReader.Result r = parse(yaml);
    assertThat(r.warnings()).containsExactlyInAnyOrder(
        "loglevel: distribution's deprecated form of log.level, not read here; ignored",
        "log.fields: not supported here; ignored",
        "storage.cache: caches are not needed here; ignored",
        "http.headers: not supported here; ignored",
        "health: not supported here; ignored",
        "policy: not supported here; ignored");
    assertThat(r.config().storage().parameters()).containsEntry("maxthreads", 100);
    Config s3 = parse("storage:\n  s3:\n    bucket: b\n    region: r\n    v4auth: true\n    skipverify: false\n"
        + "    multipartcopychunksize: 33554432\n    objectacl: private\n    usedualstack: false\n").config();
    assertThat(s3.storage().parameters()).containsEntry("v4auth", true);
    assertThat(parse("storage:\n  inmemory:\nauth:\n  token:\n    realm: r\n    service: s\n    issuer: i\n"
        + "    signingalgorithms: [EdDSA]\n    autoredirect: true\n").config().auth().get("token"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("signingalgorithms");
  }

  @Test
  void refusesKeysNobodyDefinesNamingTheNearestValidKey() {
    String fs = "storage:\n  filesystem:\n    rootdirectory: /r\n";
    assertUnknown(fs + "auht:\n  htpasswd:\n    realm: r\n    path: /p\n", "auht", "did you mean auth?");
    assertUnknown("storage:\n  filesystem:\n    rootdirectroy: /srv/registry\n",
        "storage.filesystem.rootdirectroy", "did you mean storage.filesystem.rootdirectory?");
    assertUnknown("storage:\n  s3:\n    bucket: b\n    regoin: eu-west-1\n", "storage.s3.regoin",
        "did you mean storage.s3.region?");
    assertUnknown("storage:\n  inmemory:\n    rootdirectory: /r\n", "storage.inmemory.rootdirectory",
        "this section takes no keys");
    assertUnknown(fs + "  delete:\n    enabld: true\n", "storage.delete.enabld", "did you mean storage.delete.enabled?");
    assertUnknown(fs + "auth:\n  htpasswd:\n    realm: r\n    pth: /p\n", "auth.htpasswd.pth",
        "did you mean auth.htpasswd.path?");
    assertUnknown(fs + "auth:\n  token:\n    realm: r\n    isuer: i\n", "auth.token.isuer",
        "did you mean auth.token.issuer?");
    assertUnknown(fs + "auth:\n  htpasswrd:\n    realm: r\n", "auth.htpasswrd", "did you mean auth.htpasswd?");
    assertUnknown(fs + "http:\n  adr: :5000\n", "http.adr", "did you mean http.addr?");
    assertUnknown(fs + "http:\n  tls:\n    certficate: /c\n    key: /k\n", "http.tls.certficate",
        "did you mean http.tls.certificate?");
    assertUnknown(fs + "log:\n  levle: debug\n", "log.levle", "did you mean log.level?");
    assertUnknown(fs + "gc:\n  enabeld: true\n", "gc.enabeld", "did you mean gc.enabled?");
    assertUnknown(fs + "notifications:\n  endpoints:\n    - url: http://h/\n      thresold: 3\n",
        "notifications.endpoints[0].thresold", "did you mean notifications.endpoints[0].threshold?");
    assertUnknown(fs + "colour: blue\n", "colour", "valid keys here: auth, catalog, compatibility, gc, health,");
    assertThatThrownBy(() -> ConfigReader.parse(fs, "config.yml", Map.of("REGISTRY_AUHT_HTPASSWD_REALM", "r")))
        .hasMessage("unknown key auht (did you mean auth?)");
  }

  @Test
  void withLenientKeysNobodyDefinesAreWarnings() throws Exception {
    ConfigReader.Result r = ConfigReader.parse("storage:\n  filesystem:\n    rootdirectroy: /srv\n  delete:\n"
        + "    enabld: true\nauht:\n  htpasswd:\n    realm: r\ncolour: blue\n", "config.yml", NO_ENV, true);
    assertThat(r.warnings()).containsExactlyInAnyOrder(
        "unknown key storage.filesystem.rootdirectroy (did you mean storage.filesystem.rootdirectory?); ignored",
        "unknown key storage.delete.enabld (did you mean storage.delete.enabled?); ignored",
        "unknown key auht (did you mean auth?); ignored",
        "unknown key colour (valid keys here: auth, catalog, compatibility, gc, health, http, log, loglevel,"
            + " middleware, notifications, policy, proxy, redis, reporting, storage, validation, version); ignored");
    assertThat(r.config().auth()).isEmpty();
    assertThat(r.config().storage().deleteEnabled()).isFalse();
  }

  @Test
  void kubernetesServiceVariablesAreNoConfiguration() throws Exception {
    ConfigReader.Result r = ConfigReader.parse("storage:\n  inmemory:\n", "config.yml", Map.of(
        "REGISTRY_PORT", "tcp://10.0.0.7:5000", "REGISTRY_PORT_5000_TCP_ADDR", "10.0.0.7",
        "REGISTRY_SERVICE_HOST", "10.0.0.7", "REGISTRY_SERVICE_PORT", "5000"));
    assertThat(r.warnings()).containsExactly("REGISTRY_PORT, REGISTRY_PORT_5000_TCP_ADDR, REGISTRY_SERVICE_HOST,"
        + " REGISTRY_SERVICE_PORT: Kubernetes' variables of a Service named registry, not configuration; ignored");
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    Map<String, String> env = Map.of(
        "REGISTRY_HTTP_ADDR", "127.0.0.1:6000",
        "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/from/env",
        "REGISTRY_STORAGE_DELETE_ENABLED", "true",
        "REGISTRY_GC_GRACEPERIOD", "0",
        "REGISTRY_LOG_LEVEL", "warn",
        "HOME", "/root");
    Config c = ConfigReader.parse("storage:\n  filesystem:\n    rootdirectory: /from/file\n", "config.yml", env).config();
    assertThat(c.http().addr().getPort()).isEqualTo(6000);
    assertThat(c.storage().parameters()).containsEntry("rootdirectory", "/from/env");
    assertThat(c.storage().deleteEnabled()).isTrue();
    assertThat(c.gc().gracePeriod()).isZero();
    assertThat(c.log().level()).isEqualTo(System.Logger.Level.WARNING);

    Config defaults = ConfigReader.read(Optional.empty(), Map.of("REGISTRY_HTTP_ADDR", ":5000")).config();
    assertThat(defaults.http().addr()).isEqualTo(new InetSocketAddress(5000));
    assertThat(defaults.storage().parameters()).containsEntry("rootdirectory", "./data");
  }

  @Test
  void refusesInvalidValuesNamingTheKey() {
    String fs = "storage:\n  filesystem:\n    rootdirectory: /r\n";
    assertRefused(fs + "http:\n  addr: 5000\n", "http.addr", "host:port");
    assertRefused(fs + "http:\n  addr: :99999\n", "http.addr", "0 to 65535");
    assertRefused(fs + "http:\n  addr: ::1:5000\n", "http.addr", "[::1]:5000");
    assertRefused(fs + "http:\n  host: registry.example.com\n", "http.host", "http or https URL");
    assertRefused(fs + "http:\n  relativeurls: yes please\n", "http.relativeurls", "true or false");
    assertRefused(fs + "http:\n  net: unix\n", "http.net", "only tcp");
    assertRefused(fs + "http:\n  tls:\n    certificate: /c.pem\n", "http.tls.key", "both certificate and key");
    assertRefused(fs + "http:\n  tls:\n    certificate: /c\n    key: /k\n    minimumtls: tls1.0\n",
        "http.tls.minimumtls", "tls1.2 or tls1.3");
    assertRefused(fs + "http:\n  tls:\n    certificate: /c\n    key: /k\n    clientcas: [/ca.pem]\n",
        "http.tls.clientcas", "not supported");
    assertRefused(fs + "http:\n  prefix: /registry\n", "http.prefix", "not supported");
    assertRefused(fs + "log:\n  level: loud\n", "log.level", "error, warn, info or debug");
    assertRefused(fs + "gc:\n  graceperiod: 1 hour\n", "gc.graceperiod", "not a duration");
    assertRefused(fs + "gc:\n  interval: 0\n", "gc.interval", "longer than 0");
    assertRefused("storage:\n  filesystem:\n  maintenance:\n    uploadpurging:\n      age: 7\n",
        "storage.maintenance.uploadpurging.age", "not a duration");
    assertRefused(fs + "  delete: true\n", "storage.delete", "mapping");
    assertRefused(fs + "proxy:\n  remoteurl: https://registry-1.docker.io\n", "proxy", "not supported");
    assertRefused("http:\n  addr: :5000\n", "storage", "no storage driver");
    assertRefused("storage:\n  filesystem:\n  inmemory:\n", "storage", "more than one storage driver configured: filesystem, inmemory");
    assertRefused("storage: [filesystem]\n", "storage", "mapping");
    assertRefused("storage:\n  filesystem:\n  filesystem:\n", "config.yml", "Duplicate field");
    assertRefused("storage: {\n", "config.yml", "not valid YAML");
    assertRefused("- a\n- b\n", "config.yml", "mapping");
  }

  @Test
  void anUnreadableFileIsRefusedNamingIt() {
    Path missing = tmp.resolve("missing.yml");
    assertThatThrownBy(() -> ConfigReader.read(Optional.of(missing), NO_ENV)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(missing + ": cannot read");
  }
}
