package io.channels4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.internal.protocol.ChannelNames;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The service's limits on what a request may carry, and the refusals it answers when one is passed.
 * The event data limit is configurable (the service's is 10 KB); the others are fixed.
 */
public final class ServiceLimits {
  /** Longest channel name (and user id), in characters. */
  public static final int MAX_CHANNEL_NAME_LENGTH = 200;

  /** Most channels one event may go to. */
  public static final int MAX_CHANNELS_PER_TRIGGER = 100;

  /** Longest event name, in characters. */
  public static final int MAX_EVENT_NAME_LENGTH = 200;

  /** Most events in one batch. */
  public static final int MAX_BATCH_EVENTS = 10;

  /** Most interests of one push notification. */
  public static final int MAX_INTERESTS = 10;

  /** The service's event data limit, the default. */
  public static final int DEFAULT_MAX_EVENT_DATA_BYTES = 10 * 1024;

  // Room for everything but the data in the largest valid body: 100 channel names of 200
  // characters, event names, socket ids, info, JSON punctuation.
  private static final int FIELDS_ALLOWANCE = 64 * 1024;

  // The most bytes one data character takes in a JSON body (a control character as \\uXXXX).
  private static final int WORST_ESCAPE = 6;

  private final int maxEventDataBytes;

  /**
   * Limits with this event data limit.
   *
   * @param maxEventDataBytes the largest event data accepted, in UTF-8 bytes
   */
  public ServiceLimits(int maxEventDataBytes) {
    this.maxEventDataBytes = maxEventDataBytes;
  }

  /**
   * Returns the largest event data accepted.
   *
   * @return UTF-8 bytes
   */
  public int maxEventDataBytes() {
    return maxEventDataBytes;
  }

  /**
   * Returns the largest request body any request within the limits can have: a full batch whose
   * data is at the limit and escaped at worst, plus the other fields. Larger bodies get 413 before
   * they are read into memory (about 660 KiB with the default data limit).
   *
   * @return bytes
   */
  public long maxRequestBytes() {
    return (long) MAX_BATCH_EVENTS * WORST_ESCAPE * maxEventDataBytes + FIELDS_ALLOWANCE;
  }

  /** The 413 for a body over {@link #maxRequestBytes()}. */
  Reply bodyTooLarge(long size) {
    return Reply.text(
        413,
        "The payload size is too big: the body has "
            + (size < 0 ? "more than " + maxRequestBytes() : Long.toString(size))
            + " bytes, at most "
            + maxRequestBytes()
            + " for "
            + MAX_BATCH_EVENTS
            + " events of "
            + maxEventDataBytes
            + " bytes of data",
        Map.of("Connection", "close"));
  }

  void checkChannelCount(int count) {
    if (count > MAX_CHANNELS_PER_TRIGGER) {
      throw new Refusal(
          400,
          "Too many channels: "
              + count
              + " given, at most "
              + MAX_CHANNELS_PER_TRIGGER
              + " per event");
    }
  }

  void checkBatchSize(int count) {
    if (count > MAX_BATCH_EVENTS) {
      throw new Refusal(
          400, "Cannot batch-send more than " + MAX_BATCH_EVENTS + " messages at once");
    }
  }

  void checkInterestCount(int count) {
    if (count < 1 || count > MAX_INTERESTS) {
      throw new Refusal(
          400, "Interests must contain between 1 and " + MAX_INTERESTS + " interests");
    }
  }

  void checkEventName(String name) {
    if (name.length() > MAX_EVENT_NAME_LENGTH) {
      throw new Refusal(
          400,
          "Event name too long: "
              + name.length()
              + " characters, at most "
              + MAX_EVENT_NAME_LENGTH);
    }
  }

  void checkSocketId(JsonNode socketId) {
    if (!socketId.isTextual() || !socketId.asText().matches("\\d+\\.\\d+")) {
      throw new Refusal(
          400, "Invalid socket_id: " + socketId + " (must be digits, a dot and digits)");
    }
  }

  void checkData(String data, String field) {
    long bytes = data.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxEventDataBytes) {
      String limit =
          maxEventDataBytes % 1024 == 0
              ? (maxEventDataBytes / 1024) + " KB"
              : maxEventDataBytes + " bytes";
      throw new Refusal(
          413,
          "The event data should be less than "
              + limit
              + ": "
              + field
              + " has "
              + bytes
              + " bytes");
    }
  }

  /** Checks a channel name; a trigger may also address {@code #server-to-user-USER_ID}. */
  void checkChannel(String channel, boolean allowServerToUser) {
    if (allowServerToUser && channel.startsWith(ChannelNames.SERVER_TO_USER_PREFIX)) {
      checkUserId(channel.substring(ChannelNames.SERVER_TO_USER_PREFIX.length()));
      return;
    }
    if (!validName(channel)) {
      throw new Refusal(
          400,
          "Invalid channel name: '"
              + shorten(channel)
              + "' ("
              + channel.length()
              + " characters; channel names are 1 to "
              + MAX_CHANNEL_NAME_LENGTH
              + " characters of A-Z a-z 0-9 _ - = @ , . ;)");
    }
  }

  void checkUserId(String userId) {
    if (!validName(userId)) {
      throw new Refusal(
          400,
          "Invalid user id: '"
              + shorten(userId)
              + "' (user ids are 1 to "
              + MAX_CHANNEL_NAME_LENGTH
              + " characters of A-Z a-z 0-9 _ - = @ , . ;)");
    }
  }

  private static boolean validName(String name) {
    return !name.isEmpty()
        && name.length() <= MAX_CHANNEL_NAME_LENGTH
        && ChannelNames.firstInvalidChar(name) < 0;
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
