package io.channels4j;

import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.spi.tck.FaultyServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lines the library logs through {@code System.Logger}, read back from JUL (the default backend
 * of {@code System.Logger}): their loggers, levels and text, and that none shows the secret, the
 * query, the path or the payload.
 */
@Timeout(20)
class LoggingTest extends FaultyServerFixture {
  private static final String SECRET = "s3cr3t-never-logged";
  private static final String CHANNEL = "private-orders-of-user-4711";
  private static final String PAYLOAD = "{\"card\":\"payload-never-logged\"}";

  /** The parent of every channels4j logger; held here so JUL cannot drop it and its handler. */
  private static final Logger ROOT = Logger.getLogger("io.channels4j");

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level levelBefore;

  @BeforeEach
  void captureEverything() {
    levelBefore = ROOT.getLevel();
    ROOT.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    ROOT.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    ROOT.removeHandler(capture);
    ROOT.setLevel(levelBefore);
  }

  private Pusher client() {
    return client(clientOf(server).secret(SECRET));
  }

  private List<LogRecord> at(String logger, Level level) {
    return records.stream()
        .filter(r -> r.getLoggerName().equals(logger) && r.getLevel().equals(level))
        .toList();
  }

  private void assertNothingSensitive() {
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.getMessage())
                  .doesNotContain(SECRET)
                  .doesNotContain("auth_")
                  .doesNotContain("?")
                  .doesNotContain("/apps")
                  .doesNotContain("4711")
                  .doesNotContain("payload-never-logged");
              // A stack trace would carry the exception's message, which quotes the path.
              assertThat(r.getThrown()).isNull();
              assertThat(r.getParameters()).isNull();
            });
  }

  @Test
  void logsARetryAtInfoWithKindMethodAttemptReasonAndDelay() {
    server.enqueue(respond(503, "{\"error\":\"payload-never-logged\"}"), respond(200, "{}"));

    client().trigger(CHANNEL, "my-event", PAYLOAD);

    assertThat(at("io.channels4j.client", Level.INFO))
        .singleElement()
        .extracting(LogRecord::getMessage)
        .asString()
        .matches("trigger POST attempt 1 failed \\(status 503\\); attempt 2 in \\d+ ms");
    assertThat(at("io.channels4j.client", Level.WARNING)).isEmpty();
    assertNothingSensitive();
  }

  @Test
  void logsACallThatFinallyFailsAtWarningAfterItsRetries() {
    server.setFallback(respond(503, "{}"));
    Pusher pusher = client();

    assertThatThrownBy(() -> pusher.trigger(CHANNEL, "my-event", PAYLOAD))
        .isInstanceOf(ApiException.class);

    assertThat(at("io.channels4j.client", Level.INFO))
        .extracting(LogRecord::getMessage)
        .hasSize(2)
        .allMatch(m -> m.matches("trigger POST attempt [12] failed \\(status 503\\); .*"));
    assertThat(at("io.channels4j.client", Level.WARNING))
        .extracting(LogRecord::getMessage)
        .containsExactly("trigger POST failed after 3 attempts (status 503)");
    assertNothingSensitive();
  }

  @Test
  void logsAPostThatIsNotRetriedAsFailedAfterOneAttempt() {
    server.setFallback(respond(502, "{}"));
    Pusher pusher = client();

    assertThatThrownBy(() -> pusher.sendToUser("user-4711", "my-event", PAYLOAD))
        .isInstanceOf(ApiException.class);

    assertThat(at("io.channels4j.client", Level.INFO)).isEmpty();
    assertThat(at("io.channels4j.client", Level.WARNING))
        .extracting(LogRecord::getMessage)
        .containsExactly("send-to-user POST failed after 1 attempt (status 502)");
    assertNothingSensitive();
  }

  @Test
  void namesATransportFailureByItsTypeAndWhetherTheRequestLeft() {
    Pusher pusher = client(clientOf(FaultyServer.closedPort()).secret(SECRET));

    assertThatThrownBy(() -> pusher.channel(CHANNEL)).isInstanceOf(TransportException.class);

    assertThat(at("io.channels4j.client", Level.INFO))
        .extracting(LogRecord::getMessage)
        .hasSize(2)
        .allMatch(
            m ->
                m.matches(
                    "channel GET attempt [12] failed \\(ConnectException, request not sent\\);"
                        + " attempt [23] in \\d+ ms"));
    assertThat(at("io.channels4j.client", Level.WARNING))
        .extracting(LogRecord::getMessage)
        .containsExactly(
            "channel GET failed after 3 attempts (ConnectException, request not sent)");
    assertNothingSensitive();
  }

  @Test
  void logsTheAsyncFaceLikeTheBlockingOne() throws Exception {
    server.enqueue(respond(429, "{}", "Retry-After", "0"), respond(200, "{}"));

    client().async().trigger(CHANNEL, "my-event", PAYLOAD).get(5, TimeUnit.SECONDS);

    assertThat(at("io.channels4j.client", Level.INFO))
        .extracting(LogRecord::getMessage)
        .containsExactly(
            "trigger POST attempt 1 failed (status 429, Retry-After 0 ms); attempt 2 in 0 ms");
    assertNothingSensitive();
  }

  @Test
  void staysQuietAtInfoWhenCallsSucceed() throws Exception {
    Pusher pusher = client();

    pusher.trigger(CHANNEL, "my-event", PAYLOAD);
    pusher.channels();
    pusher.async().trigger(CHANNEL, "my-event", PAYLOAD).get(5, TimeUnit.SECONDS);

    assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.INFO.intValue());
  }

  @Test
  void logsAStaleConnectionDiscardedAtDebug() throws Exception {
    // The server closes a connection idle for 100 ms: after the first call, the pooled connection
    // is closed at the server's end, which the client finds when it takes it for the second call.
    server.closeIdleConnectionsAfter(Duration.ofMillis(100), false);
    Pusher pusher = client();

    pusher.trigger(CHANNEL, "my-event", PAYLOAD);
    assertThat(server.awaitOpenConnectionsAtMost(0, Duration.ofSeconds(5))).isTrue();
    Thread.sleep(50); // let the close reach the client's socket
    pusher.trigger(CHANNEL, "my-event", PAYLOAD);

    // System.Logger's DEBUG is JUL's FINE.
    assertThat(at("io.channels4j.http", Level.FINE))
        .extracting(LogRecord::getMessage)
        .containsExactly(
            "discarded a stale connection to 127.0.0.1:"
                + server.port()
                + ": closed by the server, or out of step (stray bytes), while idle");
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.INFO.intValue());
    assertNothingSensitive();
  }
}
