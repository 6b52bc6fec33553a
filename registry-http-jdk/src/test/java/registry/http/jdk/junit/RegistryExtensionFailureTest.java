package registry.http.jdk.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import registry.http.jdk.RegistryServer;

/**
 * A test during which the server failed fails, even when the test itself saw nothing wrong.
 * The scenarios are run by the JUnit engine from inside these tests (Surefire skips nested
 * classes, so they never run on their own).
 */
class RegistryExtensionFailureTest {

  @Test
  void failsATestDuringWhichTheServerAnswered500() {
    Events tests = run(SharedBrokenServer.class);

    tests.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    Throwable failure = failureOf(tests, "breaksTheServer");
    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed 1 time(s) during breaksTheServer()")
        .hasMessageContaining("GET /v2/_catalog answered 500")
        .hasMessageContaining("UNKNOWN");
    assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failsOnlyTheTestOfAPerTestServer() {
    Events tests = run(OwnBrokenServer.class);

    tests.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertThat(failureOf(tests, "breaksTheServer")).hasMessageContaining("answered 500");
  }

  @Test
  void toleratesServerErrorsWhenTold() {
    run(TolerantBrokenServer.class).assertStatistics(s -> s.started(1).succeeded(1));
  }

  private static RegistryExtension overBrokenStorage() {
    return RegistryExtension.of(RegistryServer.builder().storage(new BrokenStorage()).build());
  }

  private static Events run(Class<?> scenario) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(scenario)).execute().testEvents();
  }

  private static Throwable failureOf(Events tests, String method) {
    List<Event> failed = tests.failed().list();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).getTestDescriptor().getDisplayName()).isEqualTo(method + "()");
    return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
  }

  /** One server for the class over storage that breaks: only the test that hit it fails. */
  static class SharedBrokenServer {
    @RegisterExtension
    static final RegistryExtension registry = overBrokenStorage();

    @Test
    void breaksTheServer() {
      // The client accepts the 500; the extension does not.
      assertThat(Get.get(registry.uri(), "/v2/_catalog").statusCode()).isEqualTo(500);
    }

    @Test
    void doesNotBreakIt() {
      assertThat(Get.get(registry.uri(), "/v2/").statusCode()).isEqualTo(200);
    }
  }

  /** A server per test over storage that breaks. */
  static class OwnBrokenServer {
    @RegisterExtension
    final RegistryExtension registry = overBrokenStorage();

    @Test
    void breaksTheServer() {
      assertThat(Get.get(registry.uri(), "/v2/_catalog").statusCode()).isEqualTo(500);
    }

    @Test
    void doesNotBreakIt() {
      assertThat(Get.get(registry.uri(), "/v2/").statusCode()).isEqualTo(200);
    }
  }

  /** Breaks the server on purpose, and says so. */
  static class TolerantBrokenServer {
    @RegisterExtension
    static final RegistryExtension registry = overBrokenStorage().failOnServerErrors(false);

    @Test
    void breaksTheServer() {
      assertThat(Get.get(registry.uri(), "/v2/_catalog").statusCode()).isEqualTo(500);
    }
  }
}
