package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Pusher;
import io.channels4j.PusherException;
import io.channels4j.RetryPolicy;
import io.channels4j.interop.support.Line;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import io.channels4j.interop.support.Soketi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8's load test: 10,000 async triggers ({@code pusher.async().trigger}) at soketi, each
 * carrying a sequence number, counted by a pusher-js subscriber. Every event is delivered exactly
 * once or reported as failed to its caller: none lost, none duplicated. Then the same while soketi
 * is killed and restarted in the middle.
 *
 * <p>Bounded: at most {@value #WINDOW} triggers are outstanding (the test waits for one to finish
 * before it starts another), channels4j runs {@value #IN_FLIGHT} at a time, and every wait has a
 * generous limit. {@code -Dchannels4j.interop.loadEvents=N} changes the count.
 */
@ExtendWith(SharedPeers.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsyncLoadIT {

  private static final int EVENTS = Integer.getInteger("channels4j.interop.loadEvents", 10_000);
  private static final int WINDOW = 64;
  private static final int IN_FLIGHT = 16;

  /** Triggers sent while soketi is down, in the restart test. */
  private static final int DOWN = 200;

  private static final Duration ALL_DONE = Duration.ofMinutes(3);
  private static final Duration ALL_DELIVERED = Duration.ofMinutes(1);
  private static final String PREFIX = SharedPeers.channelPrefix(AsyncLoadIT.class);
  private static final String EVENT = "load";

  private static Soketi soketi;
  private static PusherJsClients clients;
  private static Pusher pusher;

  @BeforeAll
  static void start(SharedPeers peers) {
    soketi = peers.soketi;
    pusher =
        peers
            .pusherBuilder()
            .maxRequestsInFlight(IN_FLIGHT)
            .timeout(Duration.ofSeconds(30))
            // Refused connections (soketi down) are retried quickly; a request that may have
            // reached soketi is never retried, so a retry cannot duplicate an event.
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(50)))
            .build();
    clients = peers.startClients();
    clients.connect("sub");
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher);
  }

  @Test
  @Order(1)
  void everyAsyncTriggerIsDeliveredExactlyOnce() {
    String channel = PREFIX + "steady";
    subscribe(channel);
    Outcomes outcomes = new Outcomes();

    long start = System.nanoTime();
    fire(channel, 0, EVENTS, -1, outcomes);
    outcomes.awaitAll(EVENTS);
    long fired = System.nanoTime();
    Map<Integer, Integer> delivered = awaitDeliveries(channel, outcomes.succeeded);
    report("steady", start, fired, outcomes, delivered);

    assertThat(outcomes.failed).as("failures on a steady soketi").isEmpty();
    assertExactlyOnceOrReported(outcomes, delivered);
    assertThat(delivered).hasSize(EVENTS);
  }

  @Test
  @Order(2)
  void whenSoketiIsKilledAndRestartedEveryEventIsStillDeliveredOnceOrReportedFailed() {
    String channel = PREFIX + "restart";
    subscribe(channel);
    Outcomes outcomes = new Outcomes();
    int half = EVENTS / 2;
    int down = half + DOWN;

    long start = System.nanoTime();
    // First half, with soketi killed (SIGKILL, so no graceful close) while triggers are in
    // flight, at 80% of it.
    CompletableFuture<Void> kill = fire(channel, 0, half, half * 4 / 5, outcomes);
    kill.join();
    // While soketi is down: every trigger must fail, and say so.
    fire(channel, half, down, -1, outcomes);
    outcomes.awaitAll(down);
    soketi.restart();
    int mark = clients.mark();
    clients.reconnect("sub", Duration.ofSeconds(30));
    clients.await(
        mark, Line.type("subscription_succeeded").client("sub").channel(channel), SharedPeers.WAIT);
    // The rest, on the restarted soketi, to the reconnected subscriber.
    fire(channel, down, EVENTS, -1, outcomes);
    outcomes.awaitAll(EVENTS);
    long fired = System.nanoTime();
    Map<Integer, Integer> delivered = awaitDeliveries(channel, outcomes.succeeded);
    report("restart", start, fired, outcomes, delivered);

    assertThat(outcomes.failed.values())
        .as("every failure is reported as a PusherException")
        .allSatisfy(failure -> assertThat(failure).isInstanceOf(PusherException.class));
    assertThat(outcomes.failed.keySet().stream().filter(seq -> seq >= half && seq < down))
        .as("failures while soketi was down")
        .hasSize(DOWN);
    assertThat(outcomes.failed.keySet().stream().filter(seq -> seq >= down))
        .as("failures after the restart")
        .isEmpty();
    assertExactlyOnceOrReported(outcomes, delivered);
  }

  /**
   * Every future completed; nothing delivered twice; everything that succeeded was delivered; what
   * was delivered but failed is a request that reached soketi and whose answer was lost.
   */
  private static void assertExactlyOnceOrReported(
      Outcomes outcomes, Map<Integer, Integer> delivered) {
    assertThat(outcomes.succeeded.size() + outcomes.failed.size()).isEqualTo(EVENTS);
    Map<Integer, Integer> duplicates = new HashMap<>();
    delivered.forEach(
        (seq, count) -> {
          if (count > 1) {
            duplicates.put(seq, count);
          }
        });
    assertThat(duplicates).as("events delivered more than once").isEmpty();
    Set<Integer> lost = new TreeSet<>(outcomes.succeeded);
    lost.removeAll(delivered.keySet());
    assertThat(lost).as("events that succeeded but never arrived").isEmpty();
    Set<Integer> unknown = new TreeSet<>(delivered.keySet());
    unknown.removeAll(outcomes.succeeded);
    unknown.removeAll(outcomes.failed.keySet());
    assertThat(unknown).as("events delivered that were never triggered").isEmpty();
  }

  private static void subscribe(String channel) {
    Interop.subscribeAll(clients, "sub", channel);
  }

  /**
   * Triggers events {@code from} to {@code to - 1} asynchronously, at most {@link #WINDOW}
   * outstanding; kills soketi (in the background) when event {@code killAt} is sent.
   *
   * @return the kill, or a completed future
   */
  private static CompletableFuture<Void> fire(
      String channel, int from, int to, int killAt, Outcomes outcomes) {
    CompletableFuture<Void> kill = CompletableFuture.completedFuture(null);
    Semaphore window = new Semaphore(WINDOW);
    for (int seq = from; seq < to; seq++) {
      try {
        assertThat(window.tryAcquire(60, TimeUnit.SECONDS))
            .as("a trigger finished within 60 s")
            .isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      if (seq == killAt) {
        kill = CompletableFuture.runAsync(soketi::crash);
      }
      int n = seq;
      pusher
          .async()
          .trigger(channel, EVENT, "seq-" + n)
          .whenComplete(
              (result, failure) -> {
                outcomes.record(n, failure);
                window.release();
              });
    }
    return kill;
  }

  /**
   * Waits until every succeeded event has arrived (bounded), then makes sure nothing else is on its
   * way ({@link Interop#flush}), and counts how often each sequence number arrived.
   */
  private static Map<Integer, Integer> awaitDeliveries(String channel, Set<Integer> succeeded) {
    long deadline = System.nanoTime() + ALL_DELIVERED.toNanos();
    Map<Integer, Integer> delivered = count(channel);
    while (!delivered.keySet().containsAll(succeeded) && System.nanoTime() < deadline) {
      sleep(250);
      delivered = count(channel);
    }
    Interop.flush(pusher, clients, Map.of("sub", channel));
    return count(channel);
  }

  private static Map<Integer, Integer> count(String channel) {
    Map<Integer, Integer> counts = new HashMap<>();
    Line line = Line.event("sub", channel, EVENT);
    for (JsonNode event : clients.lines()) {
      if (line.test(event)) {
        int seq = Integer.parseInt(event.path("rawData").asText().substring("seq-".length()));
        counts.merge(seq, 1, Integer::sum);
      }
    }
    return counts;
  }

  private static void report(
      String run, long start, long fired, Outcomes outcomes, Map<Integer, Integer> delivered) {
    double seconds = (fired - start) / 1e9;
    List<String> kinds = new ArrayList<>();
    outcomes.failed.values().stream()
        .map(failure -> failure.getClass().getSimpleName())
        .distinct()
        .forEach(kinds::add);
    System.out.printf(
        "AsyncLoadIT %s: %d triggers in %.1f s (%.0f/s), %d succeeded, %d failed %s, %d delivered,"
            + " %d failed but delivered%n",
        run,
        EVENTS,
        seconds,
        EVENTS / seconds,
        outcomes.succeeded.size(),
        outcomes.failed.size(),
        kinds,
        delivered.size(),
        outcomes.failed.keySet().stream().filter(delivered::containsKey).count());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** What the futures reported, by sequence number. */
  private static final class Outcomes {
    final Set<Integer> succeeded = ConcurrentHashMap.newKeySet();
    final Map<Integer, Throwable> failed = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();

    void record(int seq, Throwable failure) {
      if (failure == null) {
        succeeded.add(seq);
      } else {
        failed.put(seq, failure instanceof CompletionException ? failure.getCause() : failure);
      }
      synchronized (this) {
        completed.incrementAndGet();
        notifyAll();
      }
    }

    /** Waits until {@code total} futures have completed, failing after {@link #ALL_DONE}. */
    synchronized void awaitAll(int total) {
      long deadline = System.nanoTime() + ALL_DONE.toNanos();
      while (completed.get() < total) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError(
              completed.get() + " of " + total + " futures completed within " + ALL_DONE);
        }
        try {
          wait(Math.min(left, 500));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }
}
