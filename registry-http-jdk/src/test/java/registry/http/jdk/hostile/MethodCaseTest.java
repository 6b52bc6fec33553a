package registry.http.jdk.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.http.jdk.junit.RegistryExtension;

/**
 * Methods are case-sensitive (RFC 9110, 9.1): {@code get} is not {@code GET} but a method the
 * registry does not implement, so it is answered {@code 501} and never served as a read.
 */
class MethodCaseTest {

  @RegisterExtension
  static final RegistryExtension registry = RegistryExtension.builder().build();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"get", "Get", "head", "delete", "pUT"})
  void aMethodInTheWrongCaseIsNotImplemented(String method) throws Exception {
    RawHttp.Answer answer = RawHttp.send(registry.server().port(), (method + " /v2/ HTTP/1.1\r\nHost: "
        + registry.hostAndPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false);
    assertThat(answer.status()).as(answer.headers()).isEqualTo(501);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "HEAD"})
  void theSameMethodInUpperCaseIsServed(String method) throws Exception {
    RawHttp.Answer answer = RawHttp.send(registry.server().port(), (method + " /v2/ HTTP/1.1\r\nHost: "
        + registry.hostAndPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
        method.equals("HEAD"));
    assertThat(answer.status()).isEqualTo(200);
  }
}
