package io.channels4j;

/**
 * What an HTTP API request does, one value per kind of call, so that a {@link RequestListener} can
 * tell calls apart (for metrics tags, logs) without parsing paths, which carry channel names and
 * user ids.
 */
public enum CallKind {
  /** {@code POST /apps/ID/events}: {@link Pusher#trigger}. */
  TRIGGER("trigger"),
  /** {@code POST /apps/ID/batch_events}: {@link Pusher#triggerBatch}. */
  BATCH("batch"),
  /** {@code GET /apps/ID/channels}: {@link Pusher#channels}. */
  CHANNELS("channels"),
  /** {@code GET /apps/ID/channels/NAME}: {@link Pusher#channel}. */
  CHANNEL("channel"),
  /** {@code GET /apps/ID/channels/NAME/users}: {@link Pusher#users}. */
  USERS("users"),
  /** {@code POST /apps/ID/events} to {@code #server-to-user-ID}: {@link Pusher#sendToUser}. */
  SEND_TO_USER("send-to-user"),
  /**
   * {@code POST /apps/ID/users/ID/terminate_connections}: {@link Pusher#terminateUserConnections}.
   */
  TERMINATE("terminate"),
  /** {@code POST /server_api/v1/apps/ID/notifications}: {@link Pusher#notify}. */
  NOTIFY("notify"),
  /**
   * A request to an endpoint the library does not wrap: {@link Pusher#get}, {@link Pusher#post}.
   */
  CUSTOM("custom");

  private final String tagValue;

  CallKind(String tagValue) {
    this.tagValue = tagValue;
  }

  /**
   * Returns a short lower-case name for metrics tags and logs.
   *
   * @return e.g. {@code trigger}, {@code send-to-user}
   */
  public String tagValue() {
    return tagValue;
  }
}
