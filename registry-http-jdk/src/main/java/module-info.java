/**
 * The registry on the JDK's built-in HTTP server: {@link registry.http.jdk.RegistryServer}, an
 * embeddable server and test fixture.
 */
module registry.http.jdk {
  requires transitive registry.core;
  requires jdk.httpserver;

  exports registry.http.jdk;
}
