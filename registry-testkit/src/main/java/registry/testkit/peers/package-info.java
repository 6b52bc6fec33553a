/**
 * Real peers for tests: a plain registry client over HTTP, CNCF Distribution as a process, and
 * the lookup of installed tools that fails or skips a test, saying what to install.
 */
package registry.testkit.peers;
