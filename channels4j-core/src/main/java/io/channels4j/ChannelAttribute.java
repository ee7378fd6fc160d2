package io.channels4j;

/** Attributes a query or trigger can ask the server to report about a channel. */
public enum ChannelAttribute {
  /** Distinct users on a presence channel. */
  USER_COUNT("user_count"),
  /** Connections subscribed to the channel (must be enabled for the app on Pusher). */
  SUBSCRIPTION_COUNT("subscription_count"),
  /** The cached event of a cache channel. */
  CACHE("cache");

  private final String wireName;

  ChannelAttribute(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the name the HTTP API uses.
   *
   * @return e.g. {@code user_count}
   */
  public String wireName() {
    return wireName;
  }
}
