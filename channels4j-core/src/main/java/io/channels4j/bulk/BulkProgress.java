package io.channels4j.bulk;

import java.time.Duration;

/**
 * A snapshot of a bulk run, counted in items (one item: one event to one channel or user).
 *
 * @param read items taken from the input so far
 * @param delivered items delivered
 * @param notDelivered items surely not delivered
 * @param maybeDelivered items that may have been delivered
 * @param requests requests sent, retries included
 * @param inFlight requests waiting for an answer
 * @param elapsed time since the run started
 */
public record BulkProgress(
    long read,
    long delivered,
    long notDelivered,
    long maybeDelivered,
    long requests,
    int inFlight,
    Duration elapsed) {

  /**
   * Returns the items with a final outcome.
   *
   * @return delivered + not delivered + maybe delivered
   */
  public long done() {
    return delivered + notDelivered + maybeDelivered;
  }
}
