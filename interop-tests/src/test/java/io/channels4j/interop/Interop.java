package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.Pusher;
import io.channels4j.interop.support.Line;
import io.channels4j.interop.support.PusherJsClients;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers shared by the IT classes. */
final class Interop {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Payloads that must arrive byte for byte: unicode in every plane, JSON-special and control
   * characters, text that is itself JSON (pusher-js parses it; the raw string must still match).
   */
  static final List<String> TRICKY_PAYLOADS =
      List.of(
          "plain ascii",
          "héllo wörld — 你好 — Ωμέγα — עברית — 🌍🚀👩‍👩‍👧 — \u2028\u2029 — \uFEFF bom",
          "quotes \" backslash \\ slash / tab \t newline \n cr \r nul \u0000 bell \u0007 del \u007f",
          "{\"json\":\"object\",\"n\":[1,2.5e3,true,null],\"nested\":{\"q\":\"\\\"x\\\" \\u00e9\"}}",
          "\"a JSON string with \\\"escapes\\\" and \\\\u0041\"",
          "12345",
          "<script>alert('x')</script> & %20 + = ? # ; \u00a0",
          "   ");

  private static final AtomicInteger MARKERS = new AtomicInteger();

  private Interop() {}

  /** Parses JSON text, failing the test when it is not JSON. */
  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** Converts a value to a JSON tree. */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * The {@code (client, channel)} pairs, in order, of the event lines at or after {@code mark} for
   * one event name.
   */
  static List<String> deliveries(PusherJsClients clients, int mark, String event) {
    List<String> found = new ArrayList<>();
    List<JsonNode> lines = clients.lines();
    for (int i = mark; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      if (line.path("type").asText().equals("event") && line.path("event").asText().equals(event)) {
        found.add(line.path("client").asText() + " on " + line.path("channel").asText());
      }
    }
    return found;
  }

  /** The event lines at or after {@code mark} for one event name. */
  static List<JsonNode> eventLines(PusherJsClients clients, int mark, String event) {
    List<JsonNode> found = new ArrayList<>();
    List<JsonNode> lines = clients.lines();
    for (int i = mark; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      if (line.path("type").asText().equals("event") && line.path("event").asText().equals(event)) {
        found.add(line);
      }
    }
    return found;
  }

  /**
   * Makes sure every event triggered before has reached the given clients: triggers a marker event
   * on each channel and waits until each client has it. soketi handles API calls one at a time and
   * a WebSocket keeps order, so once a client has the marker it has every earlier event of that
   * channel: a missing event then is really missing, without any sleep.
   *
   * @param subscriptions client name to one channel it is subscribed to
   */
  static void flush(Pusher pusher, PusherJsClients clients, Map<String, String> subscriptions) {
    String marker = "marker-" + MARKERS.incrementAndGet();
    int mark = clients.mark();
    // One trigger per channel: encrypted channels cannot share one.
    for (String channel : new LinkedHashSet<>(subscriptions.values())) {
      pusher.trigger(channel, marker, "{}");
    }
    subscriptions.forEach(
        (client, channel) ->
            clients.await(mark, Line.event(client, channel, marker), SharedPeers.WAIT));
  }

  /**
   * Subscribes clients to channels and asserts that each subscription succeeded.
   *
   * @param clientChannelPairs client name, channel, client name, channel...
   */
  static void subscribeAll(PusherJsClients clients, String... clientChannelPairs) {
    for (int i = 0; i + 1 < clientChannelPairs.length; i += 2) {
      JsonNode outcome = clients.subscribe(clientChannelPairs[i], clientChannelPairs[i + 1]);
      assertThat(outcome.path("type").asText())
          .as("%s", outcome)
          .isEqualTo("subscription_succeeded");
    }
  }

  /** Whether a webhook body holds an event of that name on that channel. */
  static boolean hasWebhookEvent(JsonNode body, String name, String channel) {
    for (JsonNode event : body.path("events")) {
      if (event.path("name").asText().equals(name)
          && event.path("channel").asText().equals(channel)) {
        return true;
      }
    }
    return false;
  }
}
