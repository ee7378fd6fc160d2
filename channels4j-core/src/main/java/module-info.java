/** channels4j: a client for the Pusher Channels HTTP API. */
module io.channels4j {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.net.http;

  exports io.channels4j;
  exports io.channels4j.auth;
  exports io.channels4j.bulk;
  exports io.channels4j.spi;
  exports io.channels4j.webhook;
}
