package io.channels4j;

import java.util.List;

/**
 * The result of a batch trigger.
 *
 * @param events attributes per event, in request order; empty when no event asked for {@code info}
 *     or the server did not report it
 */
public record BatchResult(List<ChannelAttributes> events) {
  /** Copies the list. */
  public BatchResult {
    events = List.copyOf(events);
  }

  /**
   * Returns the attributes reported for one event.
   *
   * @param index the event's position in the batch
   * @return its attributes, {@link ChannelAttributes#NONE} when not reported
   */
  public ChannelAttributes event(int index) {
    return index < events.size() ? events.get(index) : ChannelAttributes.NONE;
  }
}
