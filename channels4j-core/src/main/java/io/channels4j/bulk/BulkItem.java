package io.channels4j.bulk;

import io.channels4j.Event;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery a bulk publisher makes: an event to one channel, or an event to one user. Items are
 * checked when the publisher reaches them, not when they are created: an invalid item is never sent
 * and is reported as {@link Outcome#NOT_DELIVERED} with the reason, so one bad name in a million
 * does not stop a run.
 */
public sealed interface BulkItem permits BulkItem.ToChannel, BulkItem.ToUser {

  /**
   * Returns the event name.
   *
   * @return the event name
   */
  String name();

  /**
   * Returns the payload.
   *
   * @return a {@link String}, sent as is, or an object the client's payload encoder encodes
   */
  Object data();

  /**
   * An event to one channel.
   *
   * @param channel the channel
   * @param name the event name
   * @param data the payload
   * @param excludeSocketId a connection that must not receive it, if any
   */
  record ToChannel(String channel, String name, Object data, Optional<String> excludeSocketId)
      implements BulkItem {
    /** Requires the socket id option to be present (possibly empty). */
    public ToChannel {
      Objects.requireNonNull(excludeSocketId, "excludeSocketId");
    }
  }

  /**
   * An event to every connection signed in as one user.
   *
   * @param userId the user id
   * @param name the event name
   * @param data the payload
   */
  record ToUser(String userId, String name, Object data) implements BulkItem {}

  /**
   * An event to one channel.
   *
   * @param channel the channel
   * @param name the event name
   * @param data the payload
   * @return the item
   */
  static ToChannel toChannel(String channel, String name, Object data) {
    return new ToChannel(channel, name, data, Optional.empty());
  }

  /**
   * The item of a batch {@link Event}; its {@code info} attributes are not asked for (a bulk run
   * reports outcomes, not channel attributes).
   *
   * @param event the event
   * @return the item
   */
  static ToChannel of(Event event) {
    return new ToChannel(event.channel(), event.name(), event.data(), event.excludeSocketId());
  }

  /**
   * An event to one user.
   *
   * @param userId the user id
   * @param name the event name
   * @param data the payload
   * @return the item
   */
  static ToUser toUser(String userId, String name, Object data) {
    return new ToUser(userId, name, data);
  }

  /**
   * One event to many channels, produced lazily from {@code channels}.
   *
   * @param channels the channels, read once, in order, as the publisher needs them
   * @param name the event name
   * @param data the payload, shared by every item
   * @return the items
   */
  static Iterator<BulkItem> toChannels(Iterable<String> channels, String name, Object data) {
    return new ChannelFanOut(channels, name, data);
  }

  /**
   * One event to many users, produced lazily from {@code userIds}.
   *
   * @param userIds the user ids, read once, in order, as the publisher needs them
   * @param name the event name
   * @param data the payload, shared by every item
   * @return the items
   */
  static Iterator<BulkItem> toUsers(Iterable<String> userIds, String name, Object data) {
    Iterator<String> it = userIds.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public BulkItem next() {
        return toUser(it.next(), name, data);
      }
    };
  }

  /**
   * Events produced lazily, e.g. a replay read from a file.
   *
   * @param events the events, read once, in order, as the publisher needs them
   * @return the items
   */
  static Iterator<BulkItem> events(Iterator<Event> events) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return events.hasNext();
      }

      @Override
      public BulkItem next() {
        return of(events.next());
      }
    };
  }
}
