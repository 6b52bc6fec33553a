package registry.http.jdk.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that gets a fresh, empty, in-memory registry served on {@code 127.0.0.1} on a free
 * port: declare a {@link registry.http.jdk.RegistryServer} parameter (or a
 * {@link registry.core.Registry} for the in-process facade of that same server). The server
 * starts when the test asks for it and is closed when the test ends; the test fails if the
 * server failed meanwhile (answered {@code 500} or threw), even if the client shrugged it off.
 *
 * <pre>{@code
 * class PushTest {
 *   @RegistryTest
 *   void pushesTheApp(RegistryServer registry) throws Exception {
 *     Jib.from("scratch").containerize(Containerizer.to(
 *         RegistryImage.named(registry.hostAndPort() + "/team/app:1")).setAllowInsecureRegistries(true));
 *     assertTrue(registry.registry().repository("team/app").manifests().exists(Reference.parse("1")));
 *   }
 * }
 * }</pre>
 *
 * <p>On a method it is a {@link Test @Test} of its own; on a class it gives every test method
 * of the class its own server. For one server shared by a whole class, or a chosen storage,
 * register a {@link RegistryExtension} instead; do not combine the two in one class (both would
 * answer the same parameter). Needs JUnit 5.13 or newer, which closes stored servers.
 *
 * @see RegistryExtension
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(RegistryExtension.class)
public @interface RegistryTest {}
