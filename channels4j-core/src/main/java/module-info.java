/** channels4j: a client for the Pusher Channels HTTP API. */
// The qualified export names a module that is not compiled with this one ("module not found").
@SuppressWarnings("module")
module io.channels4j {
  // The protocol's JSON: Jackson's streaming API only; no type of it is part of the API.
  requires com.fasterxml.jackson.core;
  requires transitive java.net.http;
  // Only for the deprecated Pusher.Builder.jsonMapper(ObjectMapper): an application that calls it
  // has databind; nothing else in the core links it (internal.Jackson2Mapper is loaded on that
  // call).
  requires static com.fasterxml.jackson.databind;
  // Nullness annotations, read at compile time only: applications need not have the jar.
  requires static org.jspecify;

  // Payload encoders for types the core does not write (channels4j-jackson2, channels4j-jackson3).
  uses io.channels4j.spi.PayloadEncoder;

  exports io.channels4j;
  exports io.channels4j.auth;
  exports io.channels4j.bulk;
  exports io.channels4j.spi;
  exports io.channels4j.webhook;
  // The channel-name and query-string rules, which the testkit's server applies like the client.
  exports io.channels4j.internal.protocol to
      io.channels4j.testkit;
}
