/**
 * JUnit 5 support: {@link registry.http.jdk.junit.RegistryTest @RegistryTest} gives a test a
 * fresh in-memory registry server as a parameter, and
 * {@link registry.http.jdk.junit.RegistryExtension} shares one server, over chosen storage,
 * across a test class. Both fail a test during which the server failed.
 *
 * <pre>{@code
 * @RegistryTest
 * void pushes(RegistryServer registry) throws Exception {
 *   String image = registry.hostAndPort() + "/team/app:1";
 *   ... push image with Jib, skopeo or any client ...
 * }
 * }</pre>
 *
 * <p>JUnit is an optional dependency of this module ({@code requires static
 * org.junit.jupiter.api}): programs that never use this package do not need it.
 */
package registry.http.jdk.junit;
