package io.channels4j;

import java.util.Optional;

/**
 * A native push notification for the legacy push endpoint ({@link Pusher#notify}). At least one of
 * the platform payloads must be present; each is encoded by the payload encoder (a {@link String}
 * is taken as JSON text).
 *
 * @param apns the Apple payload, if any
 * @param gcm the Google Cloud Messaging payload, if any
 * @param fcm the Firebase payload, if any
 * @param webhookUrl a URL the push service reports delivery to, if any
 */
public record PushNotification(
    Optional<Object> apns,
    Optional<Object> gcm,
    Optional<Object> fcm,
    Optional<String> webhookUrl) {

  /** Requires at least one payload. */
  public PushNotification {
    if (apns.isEmpty() && gcm.isEmpty() && fcm.isEmpty()) {
      throw new ValidationException(
          "a push notification needs an apns, gcm or fcm payload, but has none");
    }
  }

  /**
   * A notification for Apple devices.
   *
   * @param payload the APNs payload
   * @return the notification
   */
  public static PushNotification apns(Object payload) {
    return new PushNotification(
        Optional.of(payload), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * A notification for Firebase.
   *
   * @param payload the FCM payload
   * @return the notification
   */
  public static PushNotification fcm(Object payload) {
    return new PushNotification(
        Optional.empty(), Optional.empty(), Optional.of(payload), Optional.empty());
  }

  /**
   * A notification for Google Cloud Messaging.
   *
   * @param payload the GCM payload
   * @return the notification
   */
  public static PushNotification gcm(Object payload) {
    return new PushNotification(
        Optional.empty(), Optional.of(payload), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy that also reports delivery to a webhook.
   *
   * @param url the webhook URL
   * @return the new notification
   */
  public PushNotification withWebhookUrl(String url) {
    return new PushNotification(apns, gcm, fcm, Optional.of(url));
  }
}
