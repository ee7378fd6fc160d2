package io.channels4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channels4j.internal.protocol.ChannelNames;
import io.channels4j.testkit.RecordedTrigger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code POST /apps/ID/events} and {@code /batch_events}: checks, records and answers events. */
final class EventEndpoints {
  private final ServiceLimits limits;
  private final ServerState state;
  private final Recorder<RecordedTrigger> triggers;
  private final Clock clock;

  EventEndpoints(
      ServiceLimits limits, ServerState state, Recorder<RecordedTrigger> triggers, Clock clock) {
    this.limits = limits;
    this.state = state;
    this.triggers = triggers;
    this.clock = clock;
  }

  Reply trigger(byte[] body) {
    JsonNode json = Json.object(body);
    List<String> channels = new ArrayList<>();
    JsonNode list = json.get("channels");
    JsonNode single = json.get("channel");
    if (list != null && list.isArray()) {
      list.forEach(c -> channels.add(Json.text(c, "channels[]")));
    } else if (single != null && single.isTextual()) {
      channels.add(single.asText());
    } else {
      throw Refusal.incorrect("channels (an array) or channel (a string) is required");
    }
    if (channels.isEmpty()) {
      throw Refusal.incorrect("channels must name at least one channel");
    }
    limits.checkChannelCount(channels.size());
    channels.forEach(c -> limits.checkChannel(c, true));
    RecordedTrigger event = event(json, channels, false);
    limits.checkData(event.data(), "data");
    accept(event);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    if (!event.info().isEmpty()) {
      ObjectNode attrs = answer.putObject("channels");
      for (String c : channels) {
        attrs.set(c, ChannelInfo.attributes(state, c, event.info()));
      }
    }
    return Reply.json(answer);
  }

  Reply batch(byte[] body) {
    JsonNode json = Json.object(body);
    JsonNode batch = json.get("batch");
    if (batch == null || !batch.isArray() || batch.isEmpty()) {
      throw Refusal.incorrect("batch must be a non-empty array of events");
    }
    limits.checkBatchSize(batch.size());
    // All events are checked before any is recorded: the service takes a batch whole or not at all.
    List<RecordedTrigger> events = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode e = batch.get(i);
      String where = "batch[" + i + "]";
      if (!e.isObject()) {
        throw Refusal.incorrect(where + " must be an object");
      }
      JsonNode channel = e.get("channel");
      if (channel == null || !channel.isTextual()) {
        throw Refusal.incorrect(where + ".channel (a string) is required");
      }
      limits.checkChannel(channel.asText(), false);
      RecordedTrigger event;
      try {
        event = event(e, List.of(channel.asText()), true);
      } catch (Refusal r) {
        throw new Refusal(r.status(), where + ": " + r.getMessage());
      }
      limits.checkData(event.data(), where + ".data");
      events.add(event);
    }
    boolean anyInfo = false;
    ArrayNode attrs = Json.MAPPER.createArrayNode();
    for (RecordedTrigger e : events) {
      accept(e);
      anyInfo |= !e.info().isEmpty();
      attrs.add(ChannelInfo.attributes(state, e.channel(), e.info()));
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    if (anyInfo) {
      answer.set("batch", attrs);
    }
    return Reply.json(answer);
  }

  private void accept(RecordedTrigger event) {
    for (String c : event.channels()) {
      if (ChannelNames.isCache(c)) {
        state.cache(c, event.data(), clock.instant());
      }
    }
    triggers.add(event);
  }

  private RecordedTrigger event(JsonNode json, List<String> channels, boolean batched) {
    JsonNode name = json.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()) {
      throw Refusal.incorrect("name (a non-empty string) is required");
    }
    limits.checkEventName(name.asText());
    JsonNode data = json.get("data");
    if (data == null || !data.isTextual()) {
      throw Refusal.incorrect("data (a string) is required");
    }
    if (data.asText().isEmpty()) {
      throw Refusal.incorrect("data must not be empty");
    }
    Optional<String> socketId = Optional.empty();
    JsonNode socket = json.get("socket_id");
    if (socket != null && !socket.isNull()) {
      limits.checkSocketId(socket);
      socketId = Optional.of(socket.asText());
    }
    JsonNode info = json.get("info");
    Set<String> attrs =
        info == null || info.isNull()
            ? Set.of()
            : ChannelInfo.parse(Json.text(info, "info"), ChannelInfo.TRIGGER);
    return new RecordedTrigger(channels, name.asText(), data.asText(), socketId, attrs, batched);
  }
}
