package registry.http.jdk.internal.cli;

/** The text of {@code --help}: the commands and every configuration key read. */
final class Help {

  private Help() {}

  static final String TEXT = """
      Usage: java -p registry-http-jdk/target/modules -m registry.http.jdk COMMAND

      An OCI Distribution v1.1 container registry, storing data in the layout of registry:2
      (CNCF Distribution), so either serves the other's data directory or bucket.

      Commands:
        serve [--lenient] [config.yml]
                               Serve until SIGTERM or Ctrl-C; requests in progress finish first.
                               Without a file: filesystem storage under ./data, on
                               http://127.0.0.1:5000. The default command.
        garbage-collect [-d|--dry-run] [-m|--delete-untagged] [--grace-period DURATION] [--lenient]
                        config.yml
                               Delete blobs no manifest references (with -m, also manifests no
                               tag reaches) and stale uploads; print each, then a summary.
                               Nothing younger than the grace period (default 1h) is deleted, so
                               it is safe while a registry serves the storage; 0 only when
                               nothing writes to it. --dry-run lists and deletes nothing.
        --lenient              With serve or garbage-collect: a key that neither distribution nor
                               this server defines is a warning; without it, such a key (a typo)
                               refuses the start, naming the nearest valid key.
        --help, -h             This text.
        --version, -v          The version.

      Configuration (config.yml, the part of distribution's that applies, plus gc):
        storage.filesystem.rootdirectory   directory of the data (default /var/lib/registry)
        storage.inmemory                   keep everything in memory (lost on exit)
        storage.s3.*                       bucket, region, regionendpoint, accesskey, secretkey,
                                           rootdirectory, ...: given to the s3 driver as written
        storage.delete.enabled             allow deleting manifests, tags, blobs (default false)
        storage.maintenance.readonly.enabled
                                           refuse every write (default false)
        storage.maintenance.uploadpurging  enabled (true), age (168h), interval (24h), dryrun
                                           (false): remove abandoned uploads on a schedule
        http.addr                          host:port, or :port for every interface
                                           (default 127.0.0.1:5000)
        http.host                          public base URL for Location headers
                                           (https://registry.example.com)
        http.relativeurls                  relative Location headers (default false)
        http.draintimeout                  how long a stop waits for requests (default 10s)
        http.idletimeout                   ours: cut a connection with no progress either way this
                                           long (default 60s, 0: never)
        http.headertimeout                 ours: cut a request whose line and headers are not in
                                           this long after its first byte (default 10s, 0: never)
        http.tlsprobes                     ours: on a plain port, answer a TLS ClientHello at once
                                           so skopeo and docker fall back to HTTP (default true);
                                           costs a reverse DNS lookup per new connection
        http.tls.certificate, http.tls.key PEM files: certificate chain and private key (PKCS#8,
                                           or PKCS#1 RSA); serves HTTPS
        http.tls.minimumtls                tls1.2 (default) or tls1.3
        auth.htpasswd                      realm, path (an htpasswd file of bcrypt hashes),
                                           permissions (ours: a YAML file of rules)
        auth.token                         realm, service, issuer, rootcertbundle or jwks;
                                           issue (ours: serve the token realm from htpasswd)
        log.level                          error, warn, info (default) or debug
        log.accesslog.disabled             no line per request (default false)
        gc.enabled                         collect garbage while serving (default false)
        gc.interval                        time between collections (default 24h)
        gc.graceperiod                     nothing younger is deleted (default 1h)
        gc.deleteuntagged                  also delete manifests no tag reaches (default false)
        notifications.endpoints            distribution's webhooks: name, url, headers, timeout,
                                           threshold, backoff, ignoredmediatypes, ignore, disabled
      Durations: 90s, 15m, 1h30m, 7d, 0. Other keys of distribution are warned about and ignored,
      except proxy, http.prefix, http.tls.clientcas, http.tls.clientauth and http.tls.letsencrypt:
      refused. A key nobody defines (auht, storage.filesystem.rootdirectroy) refuses the start
      unless --lenient; a storage driver's keys are those the driver declares. Unknown keys in
      auth are refused even with --lenient, by the auth configuration itself.

      Environment: REGISTRY_<KEY> overrides a key, with _ for the dots:
        REGISTRY_HTTP_ADDR=:5000  REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY=/srv/registry

      Exit codes: 0 done; 1 failed; 2 usage or configuration refused (nothing started).
      On SIGTERM the server stops gracefully and the JVM exits with 143 (128 + SIGTERM).
      """;
}
