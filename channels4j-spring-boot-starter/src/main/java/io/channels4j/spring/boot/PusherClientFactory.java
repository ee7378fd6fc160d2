package io.channels4j.spring.boot;

import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code pusher.*} properties into a builder, naming the property at fault on error. */
final class PusherClientFactory {
  private PusherClientFactory() {}

  static Pusher.Builder builder(PusherProperties p) {
    Pusher.Builder b;
    if (hasText(p.getUrl())) {
      List<String> clashing = new ArrayList<>();
      addIfSet(clashing, "pusher.app-id", p.getAppId());
      addIfSet(clashing, "pusher.key", p.getKey());
      addIfSet(clashing, "pusher.secret", p.getSecret());
      addIfSet(clashing, "pusher.host", p.getHost());
      if (!clashing.isEmpty()) {
        throw new PusherPropertiesException(
            "pusher.url",
            "pusher.url is set together with "
                + String.join(", ", clashing)
                + "; set either pusher.url or the separate settings, not both");
      }
      b = apply("pusher.url", () -> Pusher.builderFromUrl(p.getUrl().strip()));
    } else {
      List<String> missing = new ArrayList<>();
      addIfMissing(missing, "pusher.app-id", p.getAppId());
      addIfMissing(missing, "pusher.key", p.getKey());
      addIfMissing(missing, "pusher.secret", p.getSecret());
      if (!missing.isEmpty()) {
        throw new PusherPropertiesException(
            missing.get(0),
            "missing "
                + String.join(", ", missing)
                + " (or set pusher.url=https://KEY:SECRET@HOST[:PORT]/apps/APP_ID)");
      }
      Pusher.Builder fresh = Pusher.builder();
      b = fresh;
      apply("pusher.app-id", () -> fresh.appId(p.getAppId()));
      apply("pusher.key", () -> fresh.key(p.getKey()));
      apply("pusher.secret", () -> fresh.secret(p.getSecret()));
      if (p.getCluster() != null) {
        apply("pusher.cluster", () -> fresh.cluster(p.getCluster()));
      }
      if (p.getHost() != null) {
        apply("pusher.host", () -> fresh.host(p.getHost()));
      }
    }
    Pusher.Builder builder = b;
    if (p.getPort() != null) {
      apply("pusher.port", () -> builder.port(p.getPort()));
    }
    if (p.getUseTls() != null) {
      builder.useTls(p.getUseTls());
    }
    if (p.getTimeout() != null) {
      apply("pusher.timeout", () -> builder.timeout(p.getTimeout()));
    }
    if (p.getMaxRequestsInFlight() != null) {
      apply(
          "pusher.max-requests-in-flight",
          () -> builder.maxRequestsInFlight(p.getMaxRequestsInFlight()));
    }
    if (p.getMaxQueuedRequests() != null) {
      apply(
          "pusher.max-queued-requests", () -> builder.maxQueuedRequests(p.getMaxQueuedRequests()));
    }
    if (p.getMaxEventDataBytes() != null) {
      apply(
          "pusher.max-event-data-bytes", () -> builder.maxEventDataBytes(p.getMaxEventDataBytes()));
    }
    PusherProperties.Retry r = p.getRetry();
    if (r.getMaxAttempts() != null || r.getInitialBackoff() != null || r.getMaxBackoff() != null) {
      RetryPolicy d = RetryPolicy.defaults();
      int attempts = r.getMaxAttempts() != null ? r.getMaxAttempts() : d.maxAttempts();
      Duration initial = r.getInitialBackoff() != null ? r.getInitialBackoff() : d.initialBackoff();
      Duration max = r.getMaxBackoff() != null ? r.getMaxBackoff() : d.maxBackoff();
      if (r.getMaxBackoff() == null && max.compareTo(initial) < 0) {
        max = initial;
      }
      Duration maxBackoff = max;
      apply(
          "pusher.retry",
          () -> builder.retryPolicy(new RetryPolicy(attempts, initial, maxBackoff)));
    }
    List<PusherProperties.Token> tokens = p.getWebhook().getTokens();
    for (int i = 0; i < tokens.size(); i++) {
      PusherProperties.Token t = tokens.get(i);
      String name = "pusher.webhook.tokens[" + i + "]";
      apply(name, () -> builder.webhookToken(t.getKey(), t.getSecret()));
    }
    if (p.getWebhook().getMaxAge() != null) {
      apply("pusher.webhook.max-age", () -> builder.webhookMaxAge(p.getWebhook().getMaxAge()));
    }
    return builder;
  }

  /**
   * Runs a setter; its refusal gets the property's name. channels4j's setters and factories never
   * quote a secret or key in their messages (ValidationException extends IllegalArgumentException).
   */
  static <T> T apply(String property, java.util.function.Supplier<T> setter) {
    try {
      return setter.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new PusherPropertiesException(property, "invalid " + property + ": " + e.getMessage());
    }
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }

  private static void addIfSet(List<String> names, String name, String value) {
    if (value != null) {
      names.add(name);
    }
  }

  private static void addIfMissing(List<String> names, String name, String value) {
    if (!hasText(value)) {
      names.add(name);
    }
  }
}
