package registry.http.jdk.internal.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-alone server's settings: the subset of distribution's {@code config.yml} that applies
 * here, plus a {@code gc} section of our own. Immutable; made only by {@link ConfigReader}.
 *
 * @param storage {@code storage.*}
 * @param http {@code http.*}
 * @param log {@code log.*}
 * @param gc {@code gc.*}: garbage collection on a schedule while serving
 * @param auth {@code auth}, as YAML gave it (empty: none), for
 *     {@link registry.http.jdk.auth.AuthConfigs#fromDistributionConfig}, which validates it
 */
public record Config(Storage storage, Http http, Log log, Gc gc, Map<String, Object> auth,
    java.util.List<Notification> notifications) {

  /**
   * One of distribution's {@code notifications.endpoints}.
   *
   * @param name for logs
   * @param url where events are POSTed
   * @param headers sent with each request
   * @param timeout per request
   * @param threshold failures before backing off
   * @param backoff the pause after {@code threshold} failures
   * @param ignoredMediaTypes media types not sent
   * @param ignoredActions actions not sent
   */
  public record Notification(String name, URI url, Map<String, String> headers, Duration timeout, int threshold,
      Duration backoff, java.util.Set<String> ignoredMediaTypes, java.util.Set<registry.core.RegistryEvent.Action> ignoredActions) {}

  /** Copies the auth section. */
  public Config {
    auth = Map.copyOf(auth);
  }

  /**
   * {@code storage}: one driver section, plus {@code delete} and {@code maintenance}.
   *
   * @param driver the driver's name ({@code filesystem}, {@code inmemory}, {@code s3}, ...)
   * @param parameters the driver's section as YAML gave it (strings, numbers, booleans, maps, lists)
   * @param deleteEnabled {@code storage.delete.enabled}
   * @param readOnly {@code storage.maintenance.readonly.enabled}
   * @param uploadPurging {@code storage.maintenance.uploadpurging}
   */
  public record Storage(String driver, Map<String, Object> parameters, boolean deleteEnabled,
      boolean readOnly, UploadPurging uploadPurging) {

    /** Copies the parameters. */
    public Storage {
      parameters = Map.copyOf(parameters);
    }

    /** For people: {@code filesystem ./data}, {@code inmemory}, {@code s3 my-bucket}. */
    public String describe() {
      Object where = parameters.getOrDefault("rootdirectory", parameters.get("bucket"));
      return where == null ? driver : driver + " " + where;
    }
  }

  /**
   * {@code storage.maintenance.uploadpurging}: removes abandoned uploads on a schedule.
   *
   * @param enabled whether it runs (default true, as distribution)
   * @param age uploads started longer ago are purged (default 168h)
   * @param interval time between runs (default 24h)
   * @param dryRun report only
   */
  public record UploadPurging(boolean enabled, Duration age, Duration interval, boolean dryRun) {}

  /**
   * {@code http}.
   *
   * @param addr {@code http.addr}: where to listen
   * @param host {@code http.host}: the public base URL for {@code Location} headers
   * @param relativeUrls {@code http.relativeurls}
   * @param drainTimeout {@code http.draintimeout}: how long a stop waits for requests in progress
   * @param headerTimeout {@code http.headertimeout} (ours): how long a request's line and
   *     headers may take from its first byte
   * @param answerTlsProbes {@code http.tlsprobes} (ours): on a plain port, answer a TLS
   *     ClientHello at once so that clients told the registry is insecure fall back to HTTP
   * @param tls {@code http.tls}, when set
   */
  public record Http(InetSocketAddress addr, Optional<URI> host, boolean relativeUrls,
      Duration drainTimeout, Duration idleTimeout, Duration headerTimeout, boolean answerTlsProbes,
      Optional<Tls> tls) {}

  /**
   * {@code http.tls}.
   *
   * @param certificate PEM file: the server's certificate, then its chain
   * @param key PEM file: the private key (PKCS#8, or PKCS#1 for RSA)
   * @param minimumTls {@code tls1.2} or {@code tls1.3}
   */
  public record Tls(Path certificate, Path key, String minimumTls) {}

  /**
   * {@code log}.
   *
   * @param level {@code log.level}: the least severe level written
   * @param accessLog whether each request is logged (distribution's {@code log.accesslog.disabled}, negated)
   */
  public record Log(System.Logger.Level level, boolean accessLog) {}

  /**
   * {@code gc}: ours, not distribution's. Collection while serving is safe here (see the grace
   * period), so it may run on a schedule.
   *
   * @param enabled whether it runs (default false)
   * @param interval time between runs (default 24h)
   * @param gracePeriod nothing younger is deleted (default 1h)
   * @param deleteUntagged also delete manifests no tag reaches
   */
  public record Gc(boolean enabled, Duration interval, Duration gracePeriod, boolean deleteUntagged) {}
}
