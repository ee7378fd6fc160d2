package io.channels4j.spring.boot.actuate;

import io.channels4j.ApiException;
import io.channels4j.Pusher;
import io.channels4j.PusherException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The check both Boot lines' indicators run: one channel query, timed. */
final class PusherHealthCheck {
  private final Pusher pusher;
  private final String channel;

  PusherHealthCheck(Pusher pusher, String channel) {
    this.pusher = pusher;
    this.channel = channel;
  }

  /** The outcome: up, and the details to show (never the secret). */
  record Result(boolean up, Map<String, Object> details) {}

  Result check() {
    long start = System.nanoTime();
    Map<String, Object> details = new LinkedHashMap<>();
    try {
      pusher.channel(channel);
      details.put("latencyMillis", (System.nanoTime() - start) / 1_000_000);
      return new Result(true, details);
    } catch (PusherException e) {
      if (e instanceof ApiException api) {
        details.put("status", api.status());
      }
      details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Result(false, details);
    }
  }
}
