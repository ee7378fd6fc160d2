package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.Pusher;
import io.channels4j.bulk.BulkItem;
import io.channels4j.bulk.BulkLimits;
import io.channels4j.bulk.BulkPublisher;
import io.channels4j.bulk.BulkReport;
import io.channels4j.bulk.BulkRun;
import io.channels4j.bulk.FailedItem;
import io.channels4j.bulk.Outcome;
import io.channels4j.bulk.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk run against the test server with injected 429, 503, 5xx, 400, dropped connections and
 * answers slower than the client's timeout: the report is exact (every item in exactly one of
 * delivered, not delivered, maybe delivered, matching what the server recorded), and resending the
 * report's not-delivered items delivers the rest without a duplicate.
 */
class BulkPublisherFaultsTest {
  /** Answers slower than the client's timeout in the faults test. */
  private static final Duration SLOW = Duration.ofMillis(2500);

  private PusherTestServer server;
  private Pusher pusher;

  @BeforeEach
  void start() {
    server = PusherTestServer.builder().takeTimeout(Duration.ofSeconds(5)).start();
    pusher = server.clientBuilder().timeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stop() {
    pusher.close();
    server.close();
  }

  /**
   * Items with a unique (channel, data) each: runs of one event to many channels, distinct events,
   * and users.
   */
  private static List<BulkItem> mixedInput(int runs) {
    List<BulkItem> items = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      for (int i = 0; i < 130; i++) {
        items.add(BulkItem.toChannel("fan-" + r + "-" + i, "news", "run-" + r));
      }
      for (int i = 0; i < 25; i++) {
        items.add(BulkItem.toChannel("one-" + (i % 7), "tick", "r" + r + "-e" + i));
      }
      for (int i = 0; i < 12; i++) {
        items.add(BulkItem.toUser("user-" + r + "-" + i, "dm", "hello-" + r));
      }
    }
    return items;
  }

  private static String key(BulkItem item) {
    return item instanceof BulkItem.ToChannel c
        ? c.channel() + "|" + c.data()
        : "#server-to-user-" + ((BulkItem.ToUser) item).userId() + "|" + item.data();
  }

  /** How often the server accepted each (channel, data). */
  private Map<String, Integer> recorded() {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedTrigger t : server.triggers()) {
      for (String channel : t.channels()) {
        counts.merge(channel + "|" + t.data(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private void enqueueFaults() {
    server.enqueueFault(Fault.status(429).withHeader("Retry-After", "0"), 3);
    server.enqueueFault(Fault.status(503), 3);
    server.enqueueFault(Fault.status(500), 2);
    server.enqueueFault(Fault.status(502));
    server.enqueueFault(Fault.status(504));
    server.enqueueFault(Fault.status(400, "{\"error\":\"refused\"}"));
    server.enqueueFault(Fault.dropConnection(), 2);
    server.enqueueFault(Fault.delay(SLOW), 2);
  }

  @Test
  void reportIsExactUnderFaultsAndResendingTheNotDeliveredDeliversTheRestOnce() throws Exception {
    List<BulkItem> input = mixedInput(20);
    enqueueFaults();
    Pusher impatient = server.clientBuilder().timeout(Duration.ofSeconds(1)).build();
    BulkPublisher once =
        BulkPublisher.builder(impatient)
            .limits(BulkLimits.soketi())
            .concurrency(8)
            .maxAttempts(1)
            .build();

    BulkReport report = once.publish(input.iterator());
    TimeUnit.MILLISECONDS.sleep(SLOW.toMillis() + 500); // the slow answers land on the server
    impatient.close();

    assertThat(report.read()).isEqualTo(input.size());
    assertThat(report.delivered() + report.notDelivered() + report.maybeDelivered())
        .isEqualTo(input.size());
    assertThat(report.failed()).hasSize((int) (report.notDelivered() + report.maybeDelivered()));
    assertThat(report.notDelivered())
        .as("429, 503, 400 make items surely not delivered")
        .isPositive();
    assertThat(report.maybeDelivered()).as("5xx, drops and timeouts: maybe").isPositive();

    Map<String, FailedItem> failedByKey = new HashMap<>();
    for (FailedItem f : report.failed()) {
      assertThat(failedByKey.put(key(f.item()), f)).as("an item failed once").isNull();
    }
    Map<String, Integer> recorded = recorded();
    Set<String> inputKeys = new HashSet<>();
    for (BulkItem item : input) {
      String k = key(item);
      inputKeys.add(k);
      int times = recorded.getOrDefault(k, 0);
      FailedItem f = failedByKey.get(k);
      if (f == null) {
        assertThat(times).as("delivered exactly once: " + k).isEqualTo(1);
      } else if (f.outcome() == Outcome.NOT_DELIVERED) {
        assertThat(times).as("surely not delivered: " + k).isZero();
      } else {
        assertThat(times).as("maybe delivered, at most once: " + k).isLessThanOrEqualTo(1);
      }
    }
    assertThat(inputKeys).containsAll(recorded.keySet());
    assertThat(report.failed())
        .filteredOn(FailedItem::refused)
        .allMatch(f -> f.outcome() == Outcome.NOT_DELIVERED && f.reason().contains("400"));

    // Resend what surely did not go (the refused are left out: they would be refused again).
    BulkReport again =
        BulkPublisher.builder(pusher)
            .limits(BulkLimits.soketi())
            .build()
            .publish(report.toResend(false).iterator());

    assertThat(again.allDelivered()).isTrue();
    Map<String, Integer> after = recorded();
    for (BulkItem item : input) {
      String k = key(item);
      FailedItem f = failedByKey.get(k);
      int times = after.getOrDefault(k, 0);
      if (f != null && f.refused()) {
        assertThat(times).as("refused, not resent: " + k).isZero();
      } else if (f != null && f.outcome() == Outcome.MAYBE_DELIVERED) {
        assertThat(times).as("maybe, not resent: " + k).isLessThanOrEqualTo(1);
      } else {
        assertThat(times).as("delivered exactly once in the end: " + k).isEqualTo(1);
      }
    }
  }

  @Test
  void retriesOnlyWhatSurelyWasNotDeliveredAndDeliversEverythingOnce() {
    List<BulkItem> input = mixedInput(10);
    server.enqueueFault(Fault.status(429).withHeader("Retry-After", "0"), 4);
    server.enqueueFault(Fault.status(503), 4);
    BulkPublisher bulk =
        BulkPublisher.builder(pusher)
            .limits(BulkLimits.soketi())
            .concurrency(4)
            .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
            .maxAttempts(10)
            .build();

    BulkReport report = bulk.publish(input.iterator());

    assertThat(report.allDelivered()).as(report.toString()).isTrue();
    assertThat(report.retries()).isEqualTo(8);
    assertThat(recorded().values()).hasSize(input.size()).allMatch(n -> n == 1);
  }

  @Test
  void aRetryAfterLongerThanTheBackoffCapIsNotWaitedForAndTheItemsAreNotDelivered() {
    server.enqueueFault(Fault.status(429).withHeader("Retry-After", "3600"));
    BulkPublisher bulk =
        BulkPublisher.builder(pusher)
            .concurrency(1)
            .backoff(Duration.ofMillis(5), Duration.ofSeconds(1))
            .build();

    BulkReport report = bulk.fanOut(List.of("a", "b", "c"), "e", "d"); // one trigger, answered 429

    assertThat(report.notDelivered()).isEqualTo(3);
    assertThat(report.failed()).allMatch(f -> !f.refused() && f.reason().contains("429"));
    assertThat(report.toResend(false)).hasSize(3);
  }

  @Test
  void aCancelledRunReportsExactlyWhatWasSentAndLeavesTheRestInTheInput() throws Exception {
    List<BulkItem> input = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      input.add(BulkItem.toChannel("c-" + i, "e", "d-" + i)); // distinct: batches of 10
    }
    Iterator<BulkItem> it = input.iterator();
    BulkPublisher slow =
        BulkPublisher.builder(pusher)
            .concurrency(2)
            .throttle(Throttle.requestsPerSecond(50))
            .build();

    BulkRun run = slow.start(it);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (run.progress().delivered() < 50 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    run.cancel();
    BulkReport report = run.report().get(10, TimeUnit.SECONDS);

    assertThat(report.cancelled()).isTrue();
    assertThat(report.read()).isLessThan(input.size());
    assertThat(report.delivered() + report.notDelivered() + report.maybeDelivered())
        .isEqualTo(report.read());
    assertThat(report.maybeDelivered()).isZero();
    Map<String, Integer> recorded = recorded();
    assertThat(recorded.values().stream().mapToInt(Integer::intValue).sum())
        .as("the server has exactly the delivered items")
        .isEqualTo(report.delivered());

    // Finish: what was read and not sent, then the rest of the input. Everything exactly once.
    BulkPublisher fast = BulkPublisher.builder(pusher).build();
    assertThat(fast.publish(report.toResend(false).iterator()).allDelivered()).isTrue();
    assertThat(fast.publish(it).allDelivered()).isTrue();
    assertThat(recorded().values()).hasSize(input.size()).allMatch(n -> n == 1);
  }

  @Test
  void invalidItemsAreReportedRefusedAndNeverSentWhileTheOthersGo() {
    List<BulkItem> input =
        List.of(
            BulkItem.toChannel("ok-1", "e", "d"),
            BulkItem.toChannel("bad channel", "e", "d"),
            BulkItem.toChannel("ok-2", "e", "d"),
            BulkItem.toUser("bad user", "e", "d"),
            BulkItem.toChannel("ok-3", "e", "x".repeat(20_000)));

    BulkReport report = BulkPublisher.builder(pusher).build().publish(input.iterator());

    assertThat(report.delivered()).isEqualTo(2);
    assertThat(report.notDelivered()).isEqualTo(3);
    assertThat(report.failed())
        .allMatch(FailedItem::refused)
        .extracting(f -> f.reason())
        .anySatisfy(r -> assertThat(r).startsWith("channel ").contains("' '"))
        .anySatisfy(r -> assertThat(r).contains("userId"))
        .anySatisfy(r -> assertThat(r).contains("data").contains("20000"));
    assertThat(report.toResend(true)).isEmpty();
    assertThat(recorded()).containsOnlyKeys("ok-1|d", "ok-2|d");
  }

  @Test
  void aBatchWithOneEventTooLargeForTheClientSendsTheOthersAndRefusesThatOne() {
    List<BulkItem> input = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      input.add(BulkItem.toChannel("c-" + i, "e", i == 2 ? "x".repeat(20_000) : "d-" + i));
    }

    BulkReport report = BulkPublisher.builder(pusher).build().publish(input.iterator());

    assertThat(report.delivered()).isEqualTo(4);
    assertThat(report.failed())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.item()).isSameAs(input.get(2));
              assertThat(f.refused()).isTrue();
              assertThat(f.reason()).contains("20000");
            });
    assertThat(recorded())
        .containsOnlyKeys("c-0|d-0", "c-1|d-1", "c-3|d-3", "c-4|d-4")
        .allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void theInputIsReadOnlyOnThePublishingThreadWhileCompletionsStartTheNextRequests() {
    Set<Thread> readers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Iterator<String> channels =
        new Iterator<>() {
          int n;

          @Override
          public boolean hasNext() {
            return n < 5_000;
          }

          @Override
          public String next() {
            readers.add(Thread.currentThread());
            return "c-" + n++;
          }
        };

    BulkReport report =
        BulkPublisher.builder(pusher).concurrency(8).build().fanOut(() -> channels, "e", "d");

    assertThat(report.allDelivered()).isTrue();
    assertThat(report.delivered()).isEqualTo(5_000);
    assertThat(readers).containsExactly(Thread.currentThread());
    assertThat(recorded()).hasSize(5_000).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void anInputThatThrowsStopsTheRunWithTheItemsReadBeforeReported() {
    Iterator<BulkItem> failing =
        new Iterator<>() {
          int n;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public BulkItem next() {
            if (n == 250) {
              throw new IllegalStateException("disk error");
            }
            return BulkItem.toChannel("c-" + n++, "e", "d");
          }
        };

    BulkReport report = BulkPublisher.builder(pusher).build().publish(failing);

    assertThat(report.inputFailure())
        .get()
        .extracting(Throwable::getMessage)
        .isEqualTo("disk error");
    assertThat(report.read()).isEqualTo(250);
    assertThat(report.delivered()).isEqualTo(250);
    assertThat(recorded()).hasSize(250);
  }
}
