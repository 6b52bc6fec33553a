/**
 * The registry served over HTTP by the JDK's {@code com.sun.net.httpserver}:
 * {@link registry.http.jdk.RegistryServer} starts it in-process, on a loopback port by default.
 */
package registry.http.jdk;
