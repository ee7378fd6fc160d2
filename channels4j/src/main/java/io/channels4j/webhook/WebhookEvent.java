package io.channels4j.webhook;

/**
 * One event of a webhook. Each kind Pusher documents is a record; a kind this version does not know
 * arrives as {@link UnknownEvent} rather than failing the webhook, so a server that adds a kind
 * does not break your endpoint.
 *
 * <pre>{@code
 * for (WebhookEvent event : webhook.events()) {
 *   if (event instanceof MemberAdded added) {
 *     presence.join(added.channel(), added.userId());
 *   }
 * }
 * }</pre>
 *
 * <p>On Java 21 and later, a {@code switch} with record patterns covers every kind.
 */
public sealed interface WebhookEvent
    permits ChannelOccupied,
        ChannelVacated,
        MemberAdded,
        MemberRemoved,
        ClientEvent,
        CacheMiss,
        SubscriptionCount,
        UnknownEvent {

  /**
   * Returns the kind's name on the wire, e.g. {@code channel_occupied}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the channel the event is about.
   *
   * @return the channel name
   */
  String channel();
}
