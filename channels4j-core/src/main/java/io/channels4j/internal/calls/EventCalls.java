package io.channels4j.internal.calls;

import io.channels4j.BatchResult;
import io.channels4j.CallKind;
import io.channels4j.Event;
import io.channels4j.TriggerOptions;
import io.channels4j.TriggerResult;
import io.channels4j.ValidationException;
import io.channels4j.internal.ApiCall;
import io.channels4j.internal.Json;
import io.channels4j.internal.Validate;
import io.channels4j.internal.protocol.ChannelKind;
import io.channels4j.internal.protocol.ChannelNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The calls that send events: trigger on channels, a batch, an event to a user, and the related
 * termination of a user's connections.
 */
public final class EventCalls {
  private final AppEndpoint app;
  private final Payloads payloads;

  /**
   * Creates the event calls of one app.
   *
   * @param app where the calls go
   * @param payloads how payloads are encoded
   */
  public EventCalls(AppEndpoint app, Payloads payloads) {
    this.app = app;
    this.payloads = payloads;
  }

  /**
   * An event on one channel.
   *
   * @param channel the channel
   * @param event the event name
   * @param data the payload
   * @return the call
   */
  public ApiCall<TriggerResult> trigger(String channel, String event, Object data) {
    if (channel == null) {
      Validate.channel("channel", null); // the same clear error as any invalid name
    }
    return trigger(List.of(channel), event, data, TriggerOptions.none());
  }

  /**
   * An event on one or more channels.
   *
   * @param channels 1 to 100 channels; an encrypted channel only alone
   * @param event the event name
   * @param data the payload
   * @param options socket to leave out, attributes to ask for
   * @return the call
   */
  public ApiCall<TriggerResult> trigger(
      Collection<String> channels, String event, Object data, TriggerOptions options) {
    Validate.channels(channels);
    Validate.eventName("event", event);
    Objects.requireNonNull(options, "options");
    List<String> list = List.copyOf(channels);
    if (list.size() > 1) {
      for (String c : list) {
        // Each encrypted channel has its own key, so one ciphertext cannot serve several channels.
        if (ChannelKind.PRIVATE_ENCRYPTED.matches(c)) {
          throw new ValidationException(
              "channels: an event for a private-encrypted- channel must be sent to that channel"
                  + " alone, but "
                  + list.size()
                  + " channels were given");
        }
      }
    }
    String encoded = payloads.eventData(list.get(0), data, "data");
    byte[] body =
        Json.checkedTriggerBody(
            list, event, encoded, options.excludeSocketId().orElse(null), options.info());
    return app.post(CallKind.TRIGGER, "/events", body, Responses::trigger);
  }

  /**
   * A trigger whose names the caller has already checked with the client's rules (each channel with
   * {@link Validate#channel}, the event with {@link Validate#eventName}, 1 to 100 distinct
   * channels): no second check of every name and no copy of the list. The payload is still encoded
   * and its size checked here. For the bulk publisher, which checks each item as it reads it.
   *
   * @param channels 1 to 100 checked channels, not changed while the call lives; an encrypted
   *     channel only alone
   * @param event the checked event name
   * @param data the payload
   * @param options socket to leave out, attributes to ask for
   * @return the call
   */
  public ApiCall<TriggerResult> triggerChecked(
      List<String> channels, String event, Object data, TriggerOptions options) {
    if (channels.size() > 1 && ChannelKind.PRIVATE_ENCRYPTED.matches(channels.get(0))) {
      // The packer never puts one with others; a cheap guard against a wrong caller.
      throw new IllegalStateException("an encrypted channel in a trigger of several channels");
    }
    String encoded = payloads.eventData(channels.get(0), data, "data");
    byte[] body =
        Json.checkedTriggerBody(
            channels, event, encoded, options.excludeSocketId().orElse(null), options.info());
    return app.post(CallKind.TRIGGER, "/events", body, Responses::trigger);
  }

  /**
   * Up to 10 events in one request.
   *
   * @param events the events
   * @return the call
   */
  public ApiCall<BatchResult> batch(List<Event> events) {
    Objects.requireNonNull(events, "events");
    if (events.isEmpty() || events.size() > Validate.MAX_BATCH_EVENTS) {
      throw new ValidationException(
          "events must hold 1 to "
              + Validate.MAX_BATCH_EVENTS
              + " events per batch, but has "
              + events.size());
    }
    List<String> datas = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event e = Objects.requireNonNull(events.get(i), "events[" + i + "]");
      datas.add(payloads.eventData(e.channel(), e.data(), "events[" + i + "].data"));
    }
    byte[] body =
        Json.write(
            128 * events.size(),
            g -> {
              g.writeStartObject();
              g.writeArrayFieldStart("batch");
              for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                g.writeStartObject();
                g.writeStringField("channel", e.channel());
                g.writeStringField("name", e.name());
                g.writeStringField("data", datas.get(i));
                if (e.excludeSocketId().isPresent()) {
                  g.writeStringField("socket_id", e.excludeSocketId().get());
                }
                if (!e.info().isEmpty()) {
                  g.writeStringField("info", Json.infoParam(e.info()));
                }
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            });
    return app.post(CallKind.BATCH, "/batch_events", body, Responses::batch);
  }

  /**
   * An event to every connection signed in as a user: a trigger on the user's own channel.
   *
   * @param userId the user id
   * @param event the event name
   * @param data the payload
   * @return the call
   */
  public ApiCall<Void> sendToUser(String userId, String event, Object data) {
    Validate.userId("userId", userId, Validate.MAX_USER_ID_LENGTH);
    Validate.eventName("event", event);
    String channel = ChannelNames.SERVER_TO_USER_PREFIX + userId;
    String encoded = payloads.eventData(channel, data, "data");
    byte[] body = Json.checkedTriggerBody(List.of(channel), event, encoded, null, Set.of());
    return app.post(CallKind.SEND_TO_USER, "/events", body, json -> null);
  }

  /**
   * One event to every connection of several users in one request: a trigger on the users' own
   * channels.
   *
   * @param userIds 1 to 100 user ids
   * @param event the event name
   * @param data the payload
   * @return the call
   */
  public ApiCall<Void> sendToUsers(Collection<String> userIds, String event, Object data) {
    Objects.requireNonNull(userIds, "userIds");
    if (userIds.isEmpty() || userIds.size() > Validate.MAX_CHANNELS_PER_TRIGGER) {
      throw new ValidationException(
          "userIds must hold 1 to "
              + Validate.MAX_CHANNELS_PER_TRIGGER
              + " user ids, but has "
              + userIds.size());
    }
    List<String> channels = new ArrayList<>(userIds.size());
    int i = 0;
    for (String userId : userIds) {
      Validate.userId("userIds[" + i++ + "]", userId, Validate.MAX_USER_ID_LENGTH);
      channels.add(ChannelNames.SERVER_TO_USER_PREFIX + userId);
    }
    Validate.eventName("event", event);
    String encoded = payloads.eventData(channels.get(0), data, "data");
    byte[] body = Json.checkedTriggerBody(channels, event, encoded, null, Set.of());
    return app.post(CallKind.SEND_TO_USER, "/events", body, json -> null);
  }

  /**
   * Closes every connection signed in as a user.
   *
   * @param userId the user id
   * @return the call
   */
  public ApiCall<Void> terminateUserConnections(String userId) {
    Validate.userId("userId", userId, Validate.MAX_USER_ID_LENGTH);
    return app.post(
        CallKind.TERMINATE,
        "/users/" + userId + "/terminate_connections",
        "{}".getBytes(StandardCharsets.US_ASCII),
        json -> null);
  }
}
