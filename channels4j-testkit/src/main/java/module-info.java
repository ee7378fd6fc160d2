/**
 * channels4j-testkit: {@link io.channels4j.testkit.PusherTestServer}, an in-process, loopback
 * server that speaks the Pusher Channels HTTP API like the real service, for tests of code that
 * uses channels4j; and a JUnit 5 extension that runs it for a test class ({@link
 * io.channels4j.testkit.junit.PusherTestServerExtension}), for which JUnit Jupiter is an optional
 * dependency.
 */
module io.channels4j.testkit {
  requires transitive io.channels4j;
  requires com.fasterxml.jackson.databind;
  requires jdk.httpserver;
  requires static transitive org.junit.jupiter.api;

  exports io.channels4j.testkit;
  exports io.channels4j.testkit.junit;
}
