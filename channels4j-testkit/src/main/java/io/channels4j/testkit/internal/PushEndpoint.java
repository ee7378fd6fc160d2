package io.channels4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channels4j.testkit.RecordedNotification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The legacy push endpoint, {@code POST /server_api/v1/apps/ID/notifications}. */
final class PushEndpoint {
  private final ServiceLimits limits;
  private final ServerState state;
  private final Recorder<RecordedNotification> notifications;

  PushEndpoint(
      ServiceLimits limits, ServerState state, Recorder<RecordedNotification> notifications) {
    this.limits = limits;
    this.state = state;
    this.notifications = notifications;
  }

  Reply notify(byte[] body) {
    JsonNode json = Json.object(body);
    JsonNode interests = json.get("interests");
    boolean listed = interests != null && interests.isArray();
    limits.checkInterestCount(listed ? interests.size() : 0);
    List<String> names = new ArrayList<>();
    interests.forEach(i -> names.add(Json.text(i, "interests[]")));
    if (!json.has("apns") && !json.has("gcm") && !json.has("fcm")) {
      throw new Refusal(400, "PushNotification must contain a GCM, FCM or APNS payload");
    }
    JsonNode webhook = json.get("webhook_url");
    notifications.add(
        new RecordedNotification(
            names,
            webhook != null && webhook.isTextual()
                ? Optional.of(webhook.asText())
                : Optional.empty(),
            new String(body, StandardCharsets.UTF_8)));
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("number_of_subscribers", state.pushSubscribers());
    return Reply.json(answer);
  }
}
