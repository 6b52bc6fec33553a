/**
 * JUnit 5 support: {@link registry.http.jdk.junit.RegistryTest @RegistryTest} gives a test a
 * fresh in-memory registry server as a parameter, and
 * {@link registry.http.jdk.junit.RegistryExtension} starts, injects and closes a server the test
 * built (one per class in a static field, one per test in an instance field). Both fail a test during which the server failed.
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
