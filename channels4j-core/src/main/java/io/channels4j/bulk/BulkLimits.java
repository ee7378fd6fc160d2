package io.channels4j.bulk;

import io.channels4j.ValidationException;

/**
 * The server's limits a bulk publisher packs requests under. The defaults are the Pusher service's;
 * self-hosted servers set their own (soketi: {@code maxChannelsPerEvent}, {@code maxBatchSize}).
 * The payload limit is the client's own {@code maxEventDataBytes}.
 *
 * @param maxChannelsPerTrigger channels one event may go to in one trigger, 1 to 100
 * @param maxEventsPerBatch distinct events in one batch request, 1 to 10 (1: no batches)
 * @param maxUsersPerRequest users one event may go to in one request, 1 to 100
 */
public record BulkLimits(int maxChannelsPerTrigger, int maxEventsPerBatch, int maxUsersPerRequest) {
  /** The most this client sends in one trigger or batch, whatever the server allows. */
  private static final int CLIENT_MAX_CHANNELS = 100;

  private static final int CLIENT_MAX_BATCH = 10;

  /** Checks the bounds against what the client itself accepts. */
  public BulkLimits {
    check("maxChannelsPerTrigger", maxChannelsPerTrigger, CLIENT_MAX_CHANNELS);
    check("maxEventsPerBatch", maxEventsPerBatch, CLIENT_MAX_BATCH);
    check("maxUsersPerRequest", maxUsersPerRequest, CLIENT_MAX_CHANNELS);
  }

  /**
   * The Pusher service's limits: 100 channels per trigger, 10 events per batch, and one user per
   * send-to-user request (the only form the service documents).
   *
   * @return the default limits
   */
  public static BulkLimits pusherService() {
    return new BulkLimits(100, 10, 1);
  }

  /**
   * soketi's default limits: 100 channels per trigger, 10 events per batch, and (checked against
   * soketi 1.6) up to 100 users in one send-to-user trigger.
   *
   * @return soketi's limits
   */
  public static BulkLimits soketi() {
    return new BulkLimits(100, 10, 100);
  }

  private static void check(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw new ValidationException(field + " must be 1 to " + max + ", but is " + value);
    }
  }
}
