/** channels4j: a client for the Pusher Channels HTTP API. */
// The qualified export names a module that is not compiled with this one ("module not found").
@SuppressWarnings("module")
module io.channels4j {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.net.http;
  // Nullness annotations, read at compile time only: applications need not have the jar.
  requires static org.jspecify;

  exports io.channels4j;
  exports io.channels4j.auth;
  exports io.channels4j.spi;
  exports io.channels4j.webhook;
  // The channel-name and query-string rules, which the testkit's server applies like the client.
  exports io.channels4j.internal.protocol to
      io.channels4j.testkit;
}
