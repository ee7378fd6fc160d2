package io.channels4j;

import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.closeWithoutAnswer;
import static io.channels4j.spi.tck.Behaviour.neverAnswer;
import static io.channels4j.spi.tck.Behaviour.resetMidResponse;
import static io.channels4j.spi.tck.Behaviour.respond;
import static io.channels4j.spi.tck.Behaviour.slowBody;
import static io.channels4j.spi.tck.Behaviour.stallWithoutReadingBody;
import static io.channels4j.spi.tck.Behaviour.truncatedBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.spi.tck.FaultyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing outlives a failure or the client: connections are counted on the server side, threads in
 * the JVM, before and after.
 */
@Timeout(30)
class LeakTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  /** Threads started since {@code before} that are still alive after a bounded wait. */
  private static List<String> newThreadsStillAlive(Set<Thread> before) {
    FaultyServer.await(() -> liveThreads().stream().allMatch(before::contains), SETTLE);
    return liveThreads().stream()
        .filter(t -> !before.contains(t))
        .map(Thread::getName)
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void neitherThreadsNorConnectionsOutliveTheClientAfterEveryKindOfFault() throws Exception {
    Set<Thread> before = liveThreads();
    FaultyServer server = FaultyServer.start();
    try {
      Pusher pusher =
          clientOf(server)
              .timeout(TIMEOUT)
              .maxRequestsInFlight(4)
              .maxEventDataBytes(4 * 1024 * 1024)
              .build();
      server.enqueue(
          respond(200, "{}"),
          neverAnswer(),
          resetMidResponse(200, "{\"channels\":{}}"),
          truncatedBody(200, "{\"channels\":{}}"),
          closeWithoutAnswer(),
          slowBody(200, "{\"channels\":{\"a-long-name\":{}}}", Duration.ofMillis(40)),
          respond(200, "not json"),
          respond(503, "{}"), // retried, and the retry is refused:
          respond(400, "{\"error\":\"bad\"}"),
          stallWithoutReadingBody(Duration.ofMillis(800)));
      List<Throwable> failures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        failures.add(catchThrowable(() -> pusher.trigger("my-channel", "my-event", "{}")));
      }
      failures.add(
          catchThrowable(() -> pusher.trigger("my-channel", "my-event", "x".repeat(3 << 20))));
      // Async: successes, then requests cancelled in flight.
      List<CompletableFuture<TriggerResult>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pusher.async().trigger("my-channel", "my-event", "{}"));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
      server.setFallback(neverAnswer());
      int received = server.requestCount();
      CompletableFuture<TriggerResult> cancelled1 = pusher.async().trigger("c", "e", "{}");
      CompletableFuture<TriggerResult> cancelled2 = pusher.async().trigger("c", "e", "{}");
      assertThat(server.awaitRequests(received + 2, SETTLE)).isTrue();
      cancelled1.cancel(true);
      cancelled2.cancel(true);
      Pusher refused = clientOf(FaultyServer.closedPort()).build();
      failures.add(catchThrowable(() -> refused.trigger("my-channel", "my-event", "{}")));
      refused.close();

      // The faults did fail (so the test exercised them), one success came first.
      assertThat(failures.get(0)).isNull();
      assertThat(failures.subList(1, failures.size())).doesNotContainNull();
      // Every failed or cancelled connection is closed at once, before the client is.
      assertThat(server.awaitOpenConnectionsAtMost(4, SETTLE)).isTrue();

      pusher.close();

      assertThat(server.awaitOpenConnectionsAtMost(0, SETTLE))
          .as("connections open after close: %s", server.openConnections())
          .isTrue();
    } finally {
      server.close();
    }
    assertThat(newThreadsStillAlive(before)).as("threads left behind").isEmpty();
    assertThat(liveThreads().size()).isLessThanOrEqualTo(before.size());
  }

  @Test
  void timedOutAndCancelledRequestsLeaveNoConnectionOpen() throws Exception {
    try (FaultyServer server = FaultyServer.start().setFallback(neverAnswer());
        Pusher pusher = clientOf(server).timeout(TIMEOUT).build()) {
      for (int i = 0; i < 3; i++) {
        catchThrowable(() -> pusher.trigger("my-channel", "my-event", "{}"));
      }
      CompletableFuture<TriggerResult> f = pusher.async().trigger("c", "e", "{}");
      assertThat(server.awaitRequests(4, SETTLE)).isTrue();
      f.cancel(true);

      assertThat(server.awaitOpenConnectionsAtMost(0, SETTLE)).isTrue();
      assertThat(server.connectionCount()).isEqualTo(4);
    }
  }

  @Test
  void keepAliveConnectionsAreReusedNotMultiplied() {
    try (FaultyServer server = FaultyServer.start();
        Pusher pusher = clientOf(server).maxRequestsInFlight(4).build()) {
      for (int i = 0; i < 100; i++) {
        pusher.trigger("my-channel", "my-event", "{}");
      }
      assertThat(server.connectionCount()).isEqualTo(1);

      List<CompletableFuture<TriggerResult>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(pusher.async().trigger("my-channel", "my-event", "{}"));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

      assertThat(server.requestCount()).isEqualTo(300);
      assertThat(server.connectionCount()).isLessThanOrEqualTo(5);
      assertThat(server.openConnections()).isLessThanOrEqualTo(5);
    }
  }
}
