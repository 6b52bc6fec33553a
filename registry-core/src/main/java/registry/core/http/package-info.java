/**
 * The OCI Distribution HTTP API as a transport-neutral function: a {@link
 * registry.core.http.RegistryHandler} turns a {@link registry.core.http.RegistryRequest} into a
 * {@link registry.core.http.RegistryResponse}. Routing, status codes, headers and JSON errors live
 * here once; an adapter for a concrete server (the JDK's {@code HttpServer} in
 * {@code registry.http.jdk}, a Servlet container, Netty) only copies bytes and headers.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution spec</a>
 */
package registry.core.http;
