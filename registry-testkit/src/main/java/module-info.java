/**
 * The contract suites a storage driver runs, and the fixtures they use: extend
 * {@link registry.testkit.StorageDriverContract} and a driver is checked as the registry uses it.
 */
module registry.testkit {
  // The suites are JUnit 5 test classes written with AssertJ, and the driver under test is a
  // registry.core type: a driver's tests that extend them need all three.
  requires transitive registry.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;
  requires transitive org.assertj.core;
  // The peers' fixtures: V2Client speaks the protocol over java.net.http and reads its JSON.
  requires java.net.http;
  requires com.fasterxml.jackson.databind;

  exports registry.testkit;
  exports registry.testkit.peers;
}
