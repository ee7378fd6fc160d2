package io.channels4j.internal;

import io.channels4j.PusherException;
import io.channels4j.RequestListener;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tells the user's {@link RequestListener} about each attempt. A listener that throws must not
 * break a request, so its exceptions are dropped.
 */
final class AttemptListener {
  private final @Nullable RequestListener listener;

  AttemptListener(@Nullable RequestListener listener) {
    this.listener = listener;
  }

  void started(ApiCall<?> call, int attempt) {
    if (listener != null) {
      try {
        listener.onStart(call.kind(), call.method(), call.path(), attempt);
      } catch (RuntimeException ignored) {
        // a listener must not break a request
      }
    }
  }

  void ended(
      ApiCall<?> call,
      int attempt,
      @Nullable Integer status,
      long startNanos,
      @Nullable PusherException failure,
      boolean willRetry) {
    if (listener != null) {
      try {
        listener.onEnd(
            new RequestListener.Attempt(
                call.kind(),
                call.method(),
                call.path(),
                attempt,
                Optional.ofNullable(status),
                Duration.ofNanos(System.nanoTime() - startNanos),
                Optional.ofNullable(failure),
                willRetry));
      } catch (RuntimeException ignored) {
        // a listener must not break a request
      }
    }
  }
}
