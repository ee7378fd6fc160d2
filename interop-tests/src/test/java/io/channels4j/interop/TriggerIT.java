package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Event;
import io.channels4j.Pusher;
import io.channels4j.TriggerOptions;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every event channels4j triggers on soketi (single channel, several channels, batch, with a socket
 * left out, async) reaches exactly the pusher-js clients it should, with its data intact byte for
 * byte.
 *
 * <p>Four clients: {@code a} and {@code b} on channel one, {@code c} on channel two (private,
 * authorized by channels4j), {@code d} on both.
 */
@ExtendWith(SharedPeers.Resolver.class)
class TriggerIT {

  private static final String PREFIX = SharedPeers.channelPrefix(TriggerIT.class);
  private static final String ONE = PREFIX + "one";
  private static final String TWO = "private-" + PREFIX + "two";

  private static PusherJsClients clients;
  private static Pusher pusher;
  private static final Map<String, String> SOCKETS = new LinkedHashMap<>();

  @BeforeAll
  static void start(SharedPeers peers) {
    pusher = peers.authorizingPusher();
    clients = peers.startClients();
    for (String client : List.of("a", "b", "c", "d")) {
      SOCKETS.put(client, clients.connect(client));
    }
    Interop.subscribeAll(clients, "a", ONE, "b", ONE, "c", TWO, "d", ONE, "d", TWO);
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher);
  }

  @Test
  void singleChannelEventReachesEverySubscriberOfThatChannelOnlyWithItsDataIntact() {
    int mark = clients.mark();

    for (String payload : Interop.TRICKY_PAYLOADS) {
      pusher.trigger(ONE, "single", payload);
    }
    flushAll();

    List<JsonNode> lines = Interop.eventLines(clients, mark, "single");
    assertThat(Interop.deliveries(clients, mark, "single"))
        .containsExactlyInAnyOrderElementsOf(
            times(Interop.TRICKY_PAYLOADS.size(), "a on " + ONE, "b on " + ONE, "d on " + ONE));
    for (String client : List.of("a", "b", "d")) {
      List<String> received =
          lines.stream()
              .filter(line -> line.path("client").asText().equals(client))
              .map(line -> line.path("rawData").asText())
              .toList();
      assertSameBytes(received, Interop.TRICKY_PAYLOADS);
    }
  }

  @Test
  void multiChannelEventReachesEachSubscriptionOnce() {
    int mark = clients.mark();

    pusher.trigger(List.of(ONE, TWO), "multi", Interop.TRICKY_PAYLOADS.get(1));
    flushAll();

    assertThat(Interop.deliveries(clients, mark, "multi"))
        .containsExactlyInAnyOrder(
            "a on " + ONE, "b on " + ONE, "c on " + TWO, "d on " + ONE, "d on " + TWO);
    assertThat(Interop.eventLines(clients, mark, "multi"))
        .allSatisfy(
            line ->
                assertThat(line.path("rawData").asText())
                    .isEqualTo(Interop.TRICKY_PAYLOADS.get(1)));
  }

  @Test
  void excludedSocketDoesNotGetTheEventOthersDo() {
    int mark = clients.mark();

    pusher.trigger(List.of(ONE), "not-for-a", "x", TriggerOptions.excluding(SOCKETS.get("a")));
    pusher.trigger(List.of(ONE, TWO), "not-for-d", "y", TriggerOptions.excluding(SOCKETS.get("d")));
    flushAll();

    assertThat(Interop.deliveries(clients, mark, "not-for-a"))
        .containsExactlyInAnyOrder("b on " + ONE, "d on " + ONE);
    assertThat(Interop.deliveries(clients, mark, "not-for-d"))
        .containsExactlyInAnyOrder("a on " + ONE, "b on " + ONE, "c on " + TWO);
  }

  @Test
  void batchDeliversEachEventToItsChannelHonouringEachExclusion() {
    int mark = clients.mark();
    List<Event> batch = new ArrayList<>();
    batch.add(Event.of(ONE, "batch-all", Interop.TRICKY_PAYLOADS.get(3)));
    batch.add(
        Event.of(TWO, "batch-not-d", Interop.TRICKY_PAYLOADS.get(2)).excluding(SOCKETS.get("d")));
    batch.add(
        Event.of(ONE, "batch-not-a", Interop.TRICKY_PAYLOADS.get(1)).excluding(SOCKETS.get("a")));

    pusher.triggerBatch(batch);
    flushAll();

    assertThat(Interop.deliveries(clients, mark, "batch-all"))
        .containsExactlyInAnyOrder("a on " + ONE, "b on " + ONE, "d on " + ONE);
    assertThat(Interop.deliveries(clients, mark, "batch-not-d")).containsExactly("c on " + TWO);
    assertThat(Interop.deliveries(clients, mark, "batch-not-a"))
        .containsExactlyInAnyOrder("b on " + ONE, "d on " + ONE);
    assertSameBytes(
        Interop.eventLines(clients, mark, "batch-not-d").stream()
            .map(line -> line.path("rawData").asText())
            .toList(),
        List.of(Interop.TRICKY_PAYLOADS.get(2)));
    assertThat(Interop.eventLines(clients, mark, "batch-all"))
        .allSatisfy(
            line ->
                assertThat(line.path("rawData").asText())
                    .isEqualTo(Interop.TRICKY_PAYLOADS.get(3)));
  }

  @Test
  void fullBatchOfTenKeepsEveryPayloadAndItsOrder() {
    int mark = clients.mark();
    List<Event> batch = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String payload = i + ": " + Interop.TRICKY_PAYLOADS.get(i % Interop.TRICKY_PAYLOADS.size());
      sent.add(payload);
      batch.add(Event.of(ONE, "batch-ten", payload));
    }

    pusher.triggerBatch(batch);
    flushAll();

    List<String> atB =
        Interop.eventLines(clients, mark, "batch-ten").stream()
            .filter(line -> line.path("client").asText().equals("b"))
            .map(line -> line.path("rawData").asText())
            .toList();
    assertSameBytes(atB, sent);
  }

  @Test
  void objectPayloadIsEncodedAsJsonThatPusherJsParsesBack() {
    int mark = clients.mark();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("text", "naïve “quotes” \"and\" \\ 🎉");
    data.put("count", 42);
    data.put("flags", List.of(true, false));
    data.put("nothing", null);
    data.put("nested", Map.of("k", "v"));

    pusher.trigger(TWO, "object", data);
    flushAll();

    JsonNode line = Interop.eventLines(clients, mark, "object").get(0);
    assertThat(line.path("data")).isEqualTo(Interop.tree(data));
    assertThat(Interop.parse(line.path("rawData").asText())).isEqualTo(Interop.tree(data));
  }

  @Test
  void asyncTriggersAreDeliveredLikeBlockingOnes() throws Exception {
    int mark = clients.mark();

    pusher.async().trigger(ONE, "async", "from async()").get(20, TimeUnit.SECONDS);
    pusher
        .async()
        .trigger(
            List.of(ONE, TWO),
            "async-not-b",
            "left out b",
            TriggerOptions.excluding(SOCKETS.get("b")))
        .get(20, TimeUnit.SECONDS);
    pusher
        .async()
        .triggerBatch(List.of(Event.of(TWO, "async-batch", "batched")))
        .get(20, TimeUnit.SECONDS);
    flushAll();

    assertThat(Interop.deliveries(clients, mark, "async"))
        .containsExactlyInAnyOrder("a on " + ONE, "b on " + ONE, "d on " + ONE);
    assertThat(Interop.deliveries(clients, mark, "async-not-b"))
        .containsExactlyInAnyOrder("a on " + ONE, "c on " + TWO, "d on " + ONE, "d on " + TWO);
    assertThat(Interop.deliveries(clients, mark, "async-batch"))
        .containsExactlyInAnyOrder("c on " + TWO, "d on " + TWO);
  }

  /** Waits until every client has every event sent so far, on every channel it watches. */
  private static void flushAll() {
    // One channel per client is enough: its WebSocket keeps the order of all its channels.
    Interop.flush(pusher, clients, Map.of("a", ONE, "b", ONE, "c", TWO, "d", TWO));
  }

  private static List<String> times(int n, String... values) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.addAll(List.of(values));
    }
    return all;
  }

  /** Compares as UTF-8 bytes, so that a difference names the byte rather than a glyph. */
  private static void assertSameBytes(List<String> actual, List<String> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).getBytes(StandardCharsets.UTF_8))
          .as("payload %d: %s", i, expected.get(i))
          .isEqualTo(expected.get(i).getBytes(StandardCharsets.UTF_8));
    }
  }
}
