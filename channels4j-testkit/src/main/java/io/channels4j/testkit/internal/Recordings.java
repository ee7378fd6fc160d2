package io.channels4j.testkit.internal;

import io.channels4j.testkit.RecordedNotification;
import io.channels4j.testkit.RecordedRequest;
import io.channels4j.testkit.RecordedTrigger;

/**
 * Everything the server records, each bounded: at most {@code maxCount} values per kind; request
 * bodies and event data each within {@code maxBytes}.
 *
 * @param requests every request, whatever its outcome
 * @param triggers the accepted events
 * @param terminatedUsers the users whose connections were terminated
 * @param notifications the accepted push notifications
 */
public record Recordings(
    Recorder<RecordedRequest> requests,
    Recorder<RecordedTrigger> triggers,
    Recorder<String> terminatedUsers,
    Recorder<RecordedNotification> notifications) {

  /**
   * Empty recordings with these bounds.
   *
   * @param maxCount the most values kept per kind
   * @param maxBytes the most request body bytes, and separately event data characters, kept
   * @return the recordings
   */
  public static Recordings bounded(int maxCount, long maxBytes) {
    return new Recordings(
        new Recorder<>(maxCount, maxBytes, r -> r.body().length),
        new Recorder<>(maxCount, maxBytes, t -> t.data().length()),
        Recorder.ofCount(maxCount),
        new Recorder<>(maxCount, maxBytes, n -> n.json().length()));
  }

  /** Forgets everything recorded. */
  public void clear() {
    requests.clear();
    triggers.clear();
    terminatedUsers.clear();
    notifications.clear();
  }
}
