package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Pusher;
import io.channels4j.bulk.BulkItem;
import io.channels4j.bulk.BulkLimits;
import io.channels4j.bulk.BulkPublisher;
import io.channels4j.bulk.BulkReport;
import io.channels4j.bulk.FailedItem;
import io.channels4j.bulk.Outcome;
import io.channels4j.interop.support.Line;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import io.channels4j.interop.support.Soketi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15 against real soketi and pusher-js: soketi takes one event to many users in one trigger
 * (so {@link BulkLimits#soketi()} may pack users); and a bulk run of 100,000 deliveries, with
 * soketi killed and restarted in the middle, ends with every item either received exactly once by
 * its subscriber or listed in the report as failed: none lost silently, none duplicated. {@code
 * -Dchannels4j.interop.bulkEvents=N} changes the count (a multiple of 200).
 */
@ExtendWith(SharedPeers.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkFanOutIT {
  private static final int EVENTS = Integer.getInteger("channels4j.interop.bulkEvents", 100_000);
  private static final int CHANNELS = 100;
  private static final String PREFIX = SharedPeers.channelPrefix(BulkFanOutIT.class);
  private static final Duration ALL_RECEIVED = Duration.ofMinutes(1);

  private static Soketi soketi;
  private static PusherJsClients clients;
  private static Pusher pusher;

  @BeforeAll
  static void start(SharedPeers peers) {
    soketi = peers.soketi;
    pusher = peers.authorizingPusher();
    clients = peers.startClients();
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher);
  }

  @Test
  @Order(1)
  void soketiTakesOneEventToSeveralUsersInOneRequestAndEachUserGetsItOnce() {
    List<String> users = List.of("bulk-ann", "bulk-ben", "bulk-cat");
    for (String user : users) {
      int mark = clients.mark();
      clients.connect(user, Map.of("userAuth", true, "userAuthParams", Map.of("user_id", user)));
      clients.await(mark, Line.type("signin_success").client(user), SharedPeers.WAIT);
    }
    int mark = clients.mark();

    BulkReport report =
        BulkPublisher.builder(pusher)
            .limits(BulkLimits.soketi())
            .build()
            .sendToUsers(users, "bulk-dm", "hello");

    assertThat(report.allDelivered()).as(report.toString()).isTrue();
    assertThat(report.requests()).as("one request for the three users").isEqualTo(1);
    for (String user : users) {
      clients.await(mark, Line.event(user, "#server-to-user-" + user, "bulk-dm"), SharedPeers.WAIT);
    }
    assertThat(Interop.deliveries(clients, mark, "bulk-dm"))
        .containsExactlyInAnyOrder(
            "bulk-ann on #server-to-user-bulk-ann",
            "bulk-ben on #server-to-user-bulk-ben",
            "bulk-cat on #server-to-user-bulk-cat");
  }

  @Test
  @Order(2)
  void aHundredThousandEventsWithACrashAreReceivedOnceOrReportedFailed() {
    List<String> channels = new ArrayList<>();
    clients.connect("bulk-sub");
    for (int i = 0; i < CHANNELS; i++) {
      channels.add(PREFIX + i);
      Interop.subscribeAll(clients, "bulk-sub", PREFIX + i);
    }
    int mark = clients.mark();
    CrashingInput input = new CrashingInput(channels);
    BulkPublisher bulk =
        BulkPublisher.builder(pusher)
            .limits(BulkLimits.soketi())
            .concurrency(16)
            .backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
            .maxAttempts(5)
            .build();

    long start = System.nanoTime();
    BulkReport report = bulk.publish(input);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(input.crashed).as("soketi was killed during the run").isTrue();
    assertThat(report.read()).isEqualTo(EVENTS);
    assertThat(report.delivered() + report.notDelivered() + report.maybeDelivered())
        .isEqualTo(EVENTS);
    Map<String, FailedItem> failed = new HashMap<>();
    report.failed().forEach(f -> failed.put(key(f.item()), f));
    Map<String, Integer> received = awaitReceived(mark, EVENTS - failed.size());
    System.out.printf(
        "BulkFanOutIT: %d items in %d requests (%d retries) in %.1f s (%.0f items/s): %d"
            + " delivered, %d not delivered, %d maybe delivered, %d received%n",
        EVENTS,
        report.requests(),
        report.retries(),
        seconds,
        EVENTS / seconds,
        report.delivered(),
        report.notDelivered(),
        report.maybeDelivered(),
        received.size());

    Map<String, Integer> duplicates = new HashMap<>();
    received.forEach(
        (k, n) -> {
          if (n > 1) {
            duplicates.put(k, n);
          }
        });
    assertThat(duplicates).as("received more than once").isEmpty();
    Set<String> lost = new TreeSet<>();
    Set<String> notDeliveredButReceived = new TreeSet<>();
    for (String k : input.keys) {
      FailedItem f = failed.get(k);
      if (f == null && !received.containsKey(k)) {
        lost.add(k);
      }
      if (f != null && f.outcome() == Outcome.NOT_DELIVERED && received.containsKey(k)) {
        notDeliveredButReceived.add(k);
      }
    }
    assertThat(lost).as("reported delivered but never received").isEmpty();
    assertThat(notDeliveredButReceived).as("reported surely not delivered, yet received").isEmpty();
    Set<String> unknown = new TreeSet<>(received.keySet());
    unknown.removeAll(input.keys); // a HashSet: linear, unlike AssertJ's containsAll
    assertThat(unknown).as("received but never published").isEmpty();
  }

  private static String key(BulkItem item) {
    BulkItem.ToChannel c = (BulkItem.ToChannel) item;
    return c.channel() + "|" + c.data();
  }

  /** Waits until {@code expected} distinct items arrived (bounded), then flushes and counts. */
  private static Map<String, Integer> awaitReceived(int mark, int expected) {
    long deadline = System.nanoTime() + ALL_RECEIVED.toNanos();
    Map<String, Integer> received = count(mark);
    while (received.size() < expected && System.nanoTime() < deadline) {
      sleep(500);
      received = count(mark);
    }
    Interop.flush(pusher, clients, Map.of("bulk-sub", PREFIX + 0));
    return count(mark);
  }

  private static Map<String, Integer> count(int mark) {
    Map<String, Integer> counts = new HashMap<>();
    List<JsonNode> lines = clients.lines();
    for (int i = mark; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      if ("event".equals(line.path("type").asText())
          && "bulk-sub".equals(line.path("client").asText())
          && line.path("event").asText().startsWith("bulk-")) {
        counts.merge(
            line.path("channel").asText() + "|" + line.path("rawData").asText(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Half the items as one event to all channels (triggers of 100), half as distinct events (batches
   * of 10), interleaved. Kills soketi at 41% of the input; at 43% it restarts soketi and waits
   * until the subscriber is back on every channel before it gives the next item (the run's retries
   * wait too: they are sent by the thread that reads the input).
   */
  private static final class CrashingInput implements Iterator<BulkItem> {
    final List<String> channels;
    final Set<String> keys = new java.util.HashSet<>();
    boolean crashed;
    private int n;

    CrashingInput(List<String> channels) {
      this.channels = channels;
    }

    @Override
    public boolean hasNext() {
      return n < EVENTS;
    }

    @Override
    public BulkItem next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (n == EVENTS * 41 / 100) {
        soketi.crash();
        crashed = true;
      } else if (n == EVENTS * 43 / 100) {
        int mark = clients.mark();
        soketi.restart();
        clients.reconnect("bulk-sub", Duration.ofSeconds(30));
        // pusher-js resubscribes by itself once connected again.
        for (String channel : channels) {
          clients.await(
              mark,
              Line.type("subscription_succeeded").client("bulk-sub").channel(channel),
              SharedPeers.WAIT);
        }
      }
      int block = n / 200;
      int i = n % 200;
      n++;
      BulkItem item =
          i < CHANNELS
              ? BulkItem.toChannel(channels.get(i), "bulk-fan", "round-" + block)
              : BulkItem.toChannel(
                  channels.get(i - CHANNELS), "bulk-one", "block-" + block + "-" + i);
      keys.add(key(item));
      return item;
    }
  }
}
