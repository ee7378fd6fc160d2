package io.channels4j.webhook;

import io.channels4j.PusherException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to the webhook endpoint is not a genuine, well-formed webhook: answer it with 401 (or
 * 400 for {@link Reason#MALFORMED_BODY}) and ignore it. The message says why and never contains a
 * secret. This is the only exception webhook verification throws, whatever the input.
 */
public final class InvalidWebhookException extends PusherException {
  private static final long serialVersionUID = 1L;

  /** Why a webhook was refused. */
  public enum Reason {
    /** {@code X-Pusher-Key} or {@code X-Pusher-Signature} is absent, empty or repeated. */
    MISSING_HEADER,
    /** {@code X-Pusher-Key} names no token this client knows. */
    UNKNOWN_KEY,
    /** {@code X-Pusher-Signature} is not the HMAC of the body under the key's secret. */
    BAD_SIGNATURE,
    /** The body is signed but is not a webhook: not JSON, or missing or mistyped fields. */
    MALFORMED_BODY,
    /** {@code time_ms} is further from the client's clock than the configured maximum age. */
    TOO_OLD,
    /**
     * An event on a {@code private-encrypted-} channel could not be decrypted, or no encryption is
     * configured.
     */
    UNDECRYPTABLE
  }

  /** The reason. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the webhook is refused
   * @param message details; must not contain a secret
   * @param cause the underlying error, if any
   */
  public InvalidWebhookException(Reason reason, String message, @Nullable Throwable cause) {
    super("invalid webhook: " + message, cause, 0);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the exception.
   *
   * @param reason why the webhook is refused
   * @param message details; must not contain a secret
   */
  public InvalidWebhookException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * Returns why the webhook was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
