package io.channels4j;

import java.time.Duration;
import java.util.Optional;

/**
 * Observes every HTTP attempt the client makes, to feed metrics or logs without the core depending
 * on a metrics library. Called on the thread that made the attempt, {@link #onStart} and then
 * {@link #onEnd} for each attempt, with nothing in between on that thread; must be fast and must
 * not throw (anything thrown is ignored). The {@link CallKind} tells calls apart without parsing
 * the path, which carries channel names and user ids.
 */
public interface RequestListener {

  /**
   * One finished attempt.
   *
   * @param kind what the call does
   * @param method {@code GET} or {@code POST}
   * @param path the request path, e.g. {@code /apps/1/events}
   * @param attempt the attempt number, from 1
   * @param status the HTTP status, when an answer arrived
   * @param latency how long the attempt took
   * @param failure the error, when the attempt failed
   * @param willRetry whether another attempt follows
   */
  record Attempt(
      CallKind kind,
      String method,
      String path,
      int attempt,
      Optional<Integer> status,
      Duration latency,
      Optional<PusherException> failure,
      boolean willRetry) {}

  /**
   * Called when an attempt starts.
   *
   * @param kind what the call does
   * @param method the method
   * @param path the path
   * @param attempt the attempt number, from 1
   */
  default void onStart(CallKind kind, String method, String path, int attempt) {}

  /**
   * Called when an attempt ends, successfully or not.
   *
   * @param attempt what happened
   */
  default void onEnd(Attempt attempt) {}
}
