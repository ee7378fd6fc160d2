package io.channels4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What happened when the test server sent a webhook.
 *
 * @param status the status the receiver answered
 * @param responseBody what the receiver answered
 * @param body the webhook body that was sent
 * @param key the {@code X-Pusher-Key} header sent
 * @param signature the {@code X-Pusher-Signature} header sent
 */
public record WebhookDelivery(
    int status, String responseBody, byte[] body, String key, String signature) {
  /** Copies the body. */
  public WebhookDelivery {
    Objects.requireNonNull(responseBody, "responseBody");
    body = body.clone();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * Returns a copy of the body that was sent.
   *
   * @return the body bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body that was sent, as text.
   *
   * @return the JSON text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Tells whether the receiver accepted it (any 2xx).
   *
   * @return true for a 2xx answer
   */
  public boolean accepted() {
    return status >= 200 && status < 300;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookDelivery d
        && status == d.status
        && responseBody.equals(d.responseBody)
        && Arrays.equals(body, d.body)
        && key.equals(d.key)
        && signature.equals(d.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, responseBody, Arrays.hashCode(body), key, signature);
  }

  @Override
  public String toString() {
    return "WebhookDelivery[status=" + status + ", body=" + bodyText() + "]";
  }
}
