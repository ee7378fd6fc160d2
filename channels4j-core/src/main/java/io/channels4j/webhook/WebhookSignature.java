package io.channels4j.webhook;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a signature-only webhook check ({@code Pusher.checkWebhookSignature}): valid, or
 * the reason and a message saying why not. A valid check says nothing about the body's content;
 * read it with your own parser, or use {@code Pusher.verifyWebhook}, which also reads the events.
 */
public final class WebhookSignature {
  private static final WebhookSignature VALID = new WebhookSignature(null, "valid");

  private final InvalidWebhookException.@Nullable Reason reason;
  private final String message;

  private WebhookSignature(InvalidWebhookException.@Nullable Reason reason, String message) {
    this.reason = reason;
    this.message = message;
  }

  /**
   * A valid signature.
   *
   * @return the valid outcome
   */
  public static WebhookSignature valid() {
    return VALID;
  }

  /**
   * A refused webhook.
   *
   * @param reason why: {@link InvalidWebhookException.Reason#MISSING_HEADER}, {@link
   *     InvalidWebhookException.Reason#UNKNOWN_KEY}, {@link
   *     InvalidWebhookException.Reason#BAD_SIGNATURE} or, for a missing body, {@link
   *     InvalidWebhookException.Reason#MALFORMED_BODY}
   * @param message details; must not contain a secret
   * @return the outcome
   */
  public static WebhookSignature invalid(InvalidWebhookException.Reason reason, String message) {
    return new WebhookSignature(
        Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(message, "message"));
  }

  /**
   * Whether the signature is the HMAC of the body under the secret of a known key.
   *
   * @return true when valid
   */
  public boolean isValid() {
    return reason == null;
  }

  /**
   * Why the webhook is refused.
   *
   * @return the reason, empty when valid
   */
  public Optional<InvalidWebhookException.Reason> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Says why the webhook is refused, never with a secret.
   *
   * @return the message; {@code "valid"} when valid
   */
  public String message() {
    return message;
  }

  /**
   * Throws when the signature is not valid, for callers who prefer the exception.
   *
   * @throws InvalidWebhookException with the reason and message, when not valid
   */
  public void orThrow() {
    if (reason != null) {
      throw new InvalidWebhookException(reason, message);
    }
  }

  @Override
  public String toString() {
    return reason == null ? "WebhookSignature[valid]" : "WebhookSignature[" + reason + "]";
  }
}
