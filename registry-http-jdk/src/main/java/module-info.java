/**
 * The registry on the JDK's built-in HTTP server: {@link registry.http.jdk.RegistryServer}, an
 * embeddable server and test fixture.
 */
module registry.http.jdk {
  requires transitive registry.core;
  requires jdk.httpserver;
  // The command line (registry.http.jdk.Main): config.yml is YAML, and log.level is set on
  // java.util.logging, the backend of System.Logger. Storage drivers are not required: they are
  // bound as services of registry.core when their modules are on the module path.
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires java.logging;
  // The JUnit 5 extension (registry.http.jdk.junit): optional at run time, and its types appear in
  // that package's API, hence transitive for the modules that use it.
  requires static transitive org.junit.jupiter.api;
  // Access control (registry.http.jdk.auth): htpasswd's bcrypt (an automatic module named from
  // its file), and JWT bearer tokens.
  requires bcrypt;
  requires com.nimbusds.jose.jwt;

  exports registry.http.jdk;
  exports registry.http.jdk.junit;
  exports registry.http.jdk.auth;
}
