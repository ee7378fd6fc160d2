/**
 * channels4j-testkit: {@link io.channels4j.testkit.PusherTestServer}, an in-process, loopback
 * server that speaks the Pusher Channels HTTP API like the real service, for tests of code that
 * uses channels4j.
 */
module io.channels4j.testkit {
  requires transitive io.channels4j;
  requires jdk.httpserver;

  exports io.channels4j.testkit;
}
