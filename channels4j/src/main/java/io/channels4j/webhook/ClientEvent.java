package io.channels4j.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * A client sent an event ({@code client-…}) on a private or presence channel.
 *
 * @param channel the channel
 * @param event the event name, e.g. {@code client-typing}
 * @param data the payload: the string itself when the client sent a JSON string (Pusher always
 *     does), else the JSON text of the value (soketi passes objects through), {@code null} (the
 *     text) when the event had none. On {@code private-encrypted-} channels, the decrypted
 *     plaintext.
 * @param socketId the sending connection, when the server says
 * @param userId the sending user, on presence channels
 */
public record ClientEvent(
    String channel, String event, String data, Optional<String> socketId, Optional<String> userId)
    implements WebhookEvent {
  /** The name on the wire. */
  public static final String NAME = "client_event";

  /** Rejects nulls. */
  public ClientEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(socketId, "socketId");
    Objects.requireNonNull(userId, "userId");
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }
}
