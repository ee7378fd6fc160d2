package io.channels4j.internal.calls;

import io.channels4j.CallKind;
import io.channels4j.NotifyResult;
import io.channels4j.PushNotification;
import io.channels4j.ValidationException;
import io.channels4j.internal.ApiCall;
import io.channels4j.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The legacy push notification call: POST {@code /server_api/v1/apps/APP_ID/notifications} on a
 * host of its own, with the APNs/GCM/FCM payloads embedded as raw JSON.
 */
public final class NotifyCalls {
  private static final int MAX_INTERESTS = 10;

  private final @Nullable String baseUri;
  private final String appPath;
  private final Payloads payloads;

  /**
   * Creates the notify call of one app.
   *
   * @param baseUri the push notification host's base URI; null when not configured
   * @param app the app, for its path
   * @param payloads how payloads are encoded
   */
  public NotifyCalls(@Nullable String baseUri, AppEndpoint app, Payloads payloads) {
    this.baseUri = baseUri;
    this.appPath = app.appPath();
    this.payloads = payloads;
  }

  /**
   * Sends a native push notification to the devices subscribed to some interests.
   *
   * @param interests 1 to 10 interests
   * @param notification the notification
   * @return the call
   */
  public ApiCall<NotifyResult> notify(List<String> interests, PushNotification notification) {
    String base = baseUri;
    if (base == null) {
      throw new ValidationException(
          "pushNotificationHost is not configured; set it on the builder to use notify");
    }
    Objects.requireNonNull(interests, "interests");
    Objects.requireNonNull(notification, "notification");
    if (interests.isEmpty() || interests.size() > MAX_INTERESTS) {
      throw new ValidationException(
          "interests must hold 1 to " + MAX_INTERESTS + " interests, but has " + interests.size());
    }
    for (int i = 0; i < interests.size(); i++) {
      String interest = interests.get(i);
      if (interest == null || interest.isEmpty()) {
        throw new ValidationException("interests[" + i + "] must not be empty");
      }
    }
    Map<String, String> payloadsByService = new LinkedHashMap<>();
    notification.apns().ifPresent(p -> payloadsByService.put("apns", payloads.rawJson("apns", p)));
    notification.gcm().ifPresent(p -> payloadsByService.put("gcm", payloads.rawJson("gcm", p)));
    notification.fcm().ifPresent(p -> payloadsByService.put("fcm", payloads.rawJson("fcm", p)));
    byte[] body =
        Json.write(
            256,
            g -> {
              g.writeStartObject();
              g.writeArrayFieldStart("interests");
              for (String interest : interests) {
                g.writeString(interest);
              }
              g.writeEndArray();
              if (notification.webhookUrl().isPresent()) {
                g.writeStringField("webhook_url", notification.webhookUrl().get());
              }
              for (Map.Entry<String, String> e : payloadsByService.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
              }
              g.writeEndObject();
            });
    return new ApiCall<>(
        CallKind.NOTIFY,
        base,
        "POST",
        "/server_api/v1" + appPath + "/notifications",
        Map.of(),
        body,
        Responses::notify);
  }
}
