package io.channels4j.spring.boot;

import io.channels4j.CallKind;
import io.channels4j.RequestListener;
import java.util.List;

/** Tells several listeners, in order; one that throws does not keep the others from hearing. */
final class CompositeRequestListener implements RequestListener {
  private final List<RequestListener> listeners;

  CompositeRequestListener(List<RequestListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onStart(CallKind kind, String method, String path, int attempt) {
    for (RequestListener l : listeners) {
      try {
        l.onStart(kind, method, path, attempt);
      } catch (RuntimeException ignored) {
        // the listener contract: anything thrown is ignored
      }
    }
  }

  @Override
  public void onEnd(Attempt attempt) {
    for (RequestListener l : listeners) {
      try {
        l.onEnd(attempt);
      } catch (RuntimeException ignored) {
        // the listener contract: anything thrown is ignored
      }
    }
  }
}
