package registry.http.jdk.internal.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import registry.core.spi.StorageDrivers;

/**
 * Reads a {@link Config} from distribution's {@code config.yml} (the keys that apply here) and
 * from {@code REGISTRY_*} environment variables, which override the file as in distribution:
 * {@code REGISTRY_HTTP_ADDR} sets {@code http.addr}, {@code REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY}
 * sets {@code storage.filesystem.rootdirectory}. The one place where configuration is parsed.
 *
 * <p>A key that neither distribution nor this server defines is a {@link ConfigException} naming
 * it and the nearest valid key ({@link UnknownKeys}); read leniently, it is a warning. The keys
 * of a {@code storage} driver's section are those its factory declares. Distribution's settings
 * that do not apply here are warnings. A value that cannot be used is a {@link ConfigException}
 * naming its key, and so is a setting whose silent absence would change what the operator
 * relies on ({@code proxy}, client certificates). The {@code auth} section is checked for
 * unknown keys, then kept as written, for {@link registry.http.jdk.auth.AuthConfigs}.
 */
public final class ConfigReader {

  /** What serving with no file means: filesystem storage under {@code ./data} on loopback port 5000. */
  static final String DEFAULTS = "storage:\n  filesystem:\n    rootdirectory: ./data\nhttp:\n  addr: 127.0.0.1:5000\n";

  /** Keys of {@code storage} that are not a driver's section. */
  private static final Set<String> STORAGE_SETTINGS = Set.of("delete", "maintenance", "cache", "redirect", "tag");

  /**
   * What Kubernetes sets in every pod of a namespace that has a Service named {@code registry}.
   * They are no keys of anyone's, but refusing them would stop the server for a neighbour's name.
   */
  private static final Pattern KUBERNETES_SERVICE = Pattern.compile(
      "REGISTRY_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /**
   * A configuration with the warnings met while reading it.
   *
   * @param config the configuration
   * @param warnings one line per unknown or ignored key, naming it
   */
  public record Result(Config config, List<String> warnings) {
    /** Copies the warnings. */
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  private ConfigReader() {}

  /**
   * Reads {@code file}, or the defaults when there is none, then applies {@code env}; unknown
   * keys are refused.
   *
   * @throws ConfigException when the file cannot be read or parsed, or a key or value is refused
   */
  public static Result read(Optional<Path> file, Map<String, String> env) throws ConfigException {
    return read(file, env, false);
  }

  /**
   * As {@link #read(Optional, Map)}; {@code lenient} turns the refusal of unknown keys into warnings.
   *
   * @throws ConfigException when the file cannot be read or parsed, or a key or value is refused
   */
  public static Result read(Optional<Path> file, Map<String, String> env, boolean lenient) throws ConfigException {
    if (file.isEmpty()) {
      return parse(DEFAULTS, "defaults", env, lenient);
    }
    String text;
    try {
      text = Files.readString(file.get());
    } catch (IOException e) {
      throw new ConfigException(file.get().toString(), "cannot read: " + e);
    }
    return parse(text, file.get().toString(), env, lenient);
  }

  /** Parses YAML {@code text} (from {@code source}, for messages), then applies {@code env}. */
  public static Result parse(String text, String source, Map<String, String> env) throws ConfigException {
    return parse(text, source, env, false);
  }

  /** As {@link #parse(String, String, Map)}; {@code lenient} turns unknown keys into warnings. */
  public static Result parse(String text, String source, Map<String, String> env, boolean lenient)
      throws ConfigException {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, "not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException(source, "must be a YAML mapping of keys");
    }
    ObjectNode root = (ObjectNode) tree;
    List<String> warnings = new ArrayList<>();
    applyEnvironment(root, env, warnings);
    UnknownKeys unknown = new UnknownKeys(lenient, warnings);
    Section top = new Section("", root, warnings, unknown);
    top.string("version");
    Config config = new Config(storage(top.section("storage")), http(top.section("http")),
        log(top.section("log")), gc(top.section("gc")), auth(top.section("auth")),
        NotificationsReader.read(top.section("notifications").plain(), unknown));
    top.refuse("proxy", "pull-through caching is not supported");
    for (String name : List.of("redis", "health", "reporting", "middleware", "validation",
        "compatibility", "catalog", "policy")) {
      top.ignore(name, "not supported here");
    }
    top.ignore("loglevel", "distribution's deprecated form of log.level, not read here");
    top.finish();
    return new Result(config, warnings);
  }

  /**
   * Sets {@code a.b.c} from each {@code REGISTRY_A_B_C} variable, in name order. Values are read
   * as YAML scalars, as distribution does, so {@code true} is a boolean and {@code :5000} text.
   */
  private static void applyEnvironment(ObjectNode root, Map<String, String> env, List<String> warnings) {
    List<String> services = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!e.getKey().startsWith("REGISTRY_") || e.getKey().length() == "REGISTRY_".length()) {
        continue;
      }
      if (KUBERNETES_SERVICE.matcher(e.getKey()).matches()) {
        services.add(e.getKey());
        continue;
      }
      String[] path = e.getKey().substring("REGISTRY_".length()).toLowerCase(Locale.ROOT).split("_");
      ObjectNode at = root;
      for (int i = 0; i < path.length - 1; i++) {
        JsonNode next = at.get(path[i]);
        at = next instanceof ObjectNode ? (ObjectNode) next : at.putObject(path[i]);
      }
      at.set(path[path.length - 1], scalar(e.getValue()));
    }
    if (!services.isEmpty()) {
      warnings.add(String.join(", ", services) + ": Kubernetes' variables of a Service named registry,"
          + " not configuration; ignored");
    }
  }

  private static JsonNode scalar(String value) {
    try {
      JsonNode n = YAML.readTree(value);
      if (n != null && n.isValueNode()) {
        return n;
      }
    } catch (JsonProcessingException notYaml) {
      // Falls through: plain text.
    }
    return JsonNodeFactory.instance.textNode(value);
  }

  private static Config.Storage storage(Section s) throws ConfigException {
    List<String> drivers = new ArrayList<>();
    for (String name : s.names()) {
      if (!STORAGE_SETTINGS.contains(name)) {
        drivers.add(name);
      }
    }
    if (drivers.isEmpty()) {
      throw new ConfigException("storage", "no storage driver configured (filesystem, inmemory or s3)");
    }
    if (drivers.size() > 1) {
      throw new ConfigException("storage", "more than one storage driver configured: " + String.join(", ", drivers));
    }
    String driver = drivers.get(0);
    Section driverSection = s.section(driver);
    Optional<Set<String>> names = StorageDrivers.parameterNames(driver);
    if (names.isPresent()) {
      driverSection.known(names.get().toArray(String[]::new));
      driverSection.finish();
    }
    Map<String, Object> parameters = driverSection.plain();
    Section deleteSection = s.section("delete");
    boolean delete = deleteSection.bool("enabled", false);
    deleteSection.finish();
    Section maintenance = s.section("maintenance");
    Section readOnly = maintenance.section("readonly");
    boolean readOnlyEnabled = readOnly.bool("enabled", false);
    readOnly.finish();
    Section purging = maintenance.section("uploadpurging");
    Config.UploadPurging uploadPurging = new Config.UploadPurging(purging.bool("enabled", true),
        purging.duration("age", Duration.ofHours(168)), positive(purging, "interval", Duration.ofHours(24)),
        purging.bool("dryrun", false));
    purging.finish();
    maintenance.finish();
    s.ignore("cache", "caches are not needed here");
    s.ignore("redirect", "redirects are the driver's business here");
    s.ignore("tag", "not supported here");
    s.finish();
    return new Config.Storage(driver, parameters, delete, readOnlyEnabled, uploadPurging);
  }

  private static Config.Http http(Section s) throws ConfigException {
    InetSocketAddress addr = address(s.key("addr"), s.string("addr").orElse("127.0.0.1:5000"));
    String net = s.string("net").orElse("tcp");
    if (!net.equals("tcp")) {
      throw new ConfigException(s.key("net"), "only tcp is supported, got '" + net + "'");
    }
    Optional<URI> host = s.string("host").isEmpty() ? Optional.empty() : Optional.of(baseUrl(s));
    boolean relative = s.bool("relativeurls", false);
    Duration drain = s.duration("draintimeout", Duration.ofSeconds(10));
    // ours: a connection with no progress in either direction this long is cut (0: never)
    Duration idle = s.duration("idletimeout", Duration.ofSeconds(60));
    // ours: a request line and headers not in this long after the request's first byte are cut
    Duration head = s.duration("headertimeout", Duration.ofSeconds(10));
    // ours: answering TLS probes costs the JDK's reverse DNS lookup of each new connection
    boolean probes = s.bool("tlsprobes", true);
    Section tlsSection = s.section("tls");
    Optional<Config.Tls> tls = s.has("tls") ? Optional.of(tls(tlsSection)) : Optional.empty();
    s.refuse("prefix", "serving under a path prefix is not supported");
    for (String name : List.of("secret", "headers", "debug", "http2", "h2c")) {
      s.ignore(name, "not supported here");
    }
    s.finish();
    return new Config.Http(addr, host, relative, drain, idle, head, probes, tls);
  }

  private static URI baseUrl(Section s) throws ConfigException {
    String text = s.string("host").orElseThrow();
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(s.key("host"), "must be an http or https URL such as https://registry.example.com, got '"
            + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(s.key("host"), "not a URL: " + e.getMessage());
    }
  }

  private static Config.Tls tls(Section s) throws ConfigException {
    Optional<String> cert = s.string("certificate");
    Optional<String> key = s.string("key");
    s.refuse("clientcas", "client certificate authentication is not supported");
    s.refuse("clientauth", "client certificate authentication is not supported");
    s.refuse("letsencrypt", "Let's Encrypt is not supported; give certificate and key files");
    s.ignore("ciphersuites", "the JDK's defaults are used");
    String minimum = s.string("minimumtls").orElse("tls1.2");
    if (!minimum.equals("tls1.2") && !minimum.equals("tls1.3")) {
      throw new ConfigException(s.key("minimumtls"), "must be tls1.2 or tls1.3, got '" + minimum + "'");
    }
    // Before the check of what is missing: a misspelt key is the likelier cause.
    s.finish();
    if (cert.isEmpty() || key.isEmpty()) {
      throw new ConfigException(s.key(cert.isEmpty() ? "certificate" : "key"),
          "required with http.tls: both certificate and key (PEM files)");
    }
    return new Config.Tls(Path.of(cert.get()), Path.of(key.get()), minimum);
  }

  /**
   * The section as written, once no key in it is unknown. Distribution's keys that this server
   * lacks are left for {@link registry.http.jdk.auth.AuthConfigs}, which refuses them: a missing
   * piece of access control must never pass with a warning.
   */
  private static Map<String, Object> auth(Section s) throws ConfigException {
    Section htpasswd = s.section("htpasswd");
    htpasswd.known("realm", "path", "permissions");
    htpasswd.finish();
    Section token = s.section("token");
    token.known("realm", "service", "issuer", "rootcertbundle", "jwks", "autoredirect", "autoredirectpath",
        "jwksrefreshinterval", "signingalgorithms", "permissions", "issue");
    Section issue = token.section("issue");
    issue.known("htpasswd", "permissions", "key", "expiration");
    issue.finish();
    token.finish();
    Section silly = s.section("silly");
    silly.known("realm", "service");
    silly.finish();
    s.finish();
    return s.plain();
  }

  private static Config.Log log(Section s) throws ConfigException {
    String level = s.string("level").orElse("info").toLowerCase(Locale.ROOT);
    System.Logger.Level l;
    switch (level) {
      case "panic": case "fatal": case "error": l = System.Logger.Level.ERROR; break;
      case "warn": case "warning": l = System.Logger.Level.WARNING; break;
      case "info": l = System.Logger.Level.INFO; break;
      case "debug": l = System.Logger.Level.DEBUG; break;
      case "trace": l = System.Logger.Level.TRACE; break;
      default:
        throw new ConfigException(s.key("level"), "must be error, warn, info or debug, got '" + level + "'");
    }
    Section access = s.section("accesslog");
    boolean accessLog = !access.bool("disabled", false);
    access.finish();
    for (String name : List.of("formatter", "fields", "hooks", "reportcaller")) {
      s.ignore(name, "not supported here");
    }
    s.finish();
    return new Config.Log(l, accessLog);
  }

  private static Config.Gc gc(Section s) throws ConfigException {
    Config.Gc gc = new Config.Gc(s.bool("enabled", false), positive(s, "interval", Duration.ofHours(24)),
        s.duration("graceperiod", Duration.ofHours(1)), s.bool("deleteuntagged", false));
    s.finish();
    return gc;
  }

  private static Duration positive(Section s, String name, Duration otherwise) throws ConfigException {
    Duration d = s.duration(name, otherwise);
    if (d.isZero()) {
      throw new ConfigException(s.key(name), "must be longer than 0");
    }
    return d;
  }

  /** {@code host:port}, {@code :port} (every interface) or {@code [v6]:port}. */
  static InetSocketAddress address(String key, String text) throws ConfigException {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new ConfigException(key, "must be host:port or :port, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException(key, "port must be a number from 0 to 65535, got '" + text.substring(colon + 1) + "'");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new ConfigException(key, "write an IPv6 address in brackets, such as [::1]:5000, got '" + text + "'");
    }
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new ConfigException(key, "cannot resolve host '" + host + "'");
    }
    return address;
  }
}
