package io.channels4j.guide;

import static io.channels4j.spi.tck.Behaviour.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.spi.tck.FaultyServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples of docs/delivery.md, compiled and run against a local server with the public API
 * only. Keep the two in step.
 */
@Timeout(20)
class DeliveryGuideTest {
  private final FaultyServer server = FaultyServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private Pusher.Builder builder() {
    return Pusher.builder()
        .appId("123456")
        .key("your-key")
        .secret("your-secret")
        .host("127.0.0.1")
        .port(server.port())
        .useTls(false);
  }

  @Test
  void atLeastOncePolicy() {
    server.enqueue(respond(504, "gateway timeout"), respond(200, "{}"));
    // --- docs: at least once
    Pusher pusher = builder().retryPolicy(RetryPolicy.atLeastOnce()).build();
    // ---
    try (pusher) {
      pusher.trigger("orders", "created", Map.of("id", 42));
    }
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void atLeastOnceConditionWithOwnAttempts() {
    server.enqueue(respond(502, "bad gateway"), respond(502, "bad gateway"), respond(200, "{}"));
    // --- docs: at least once, own attempts
    RetryPolicy patient =
        new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5))
            .withCondition(RetryPolicy.Condition.atLeastOnce());
    // ---
    try (Pusher pusher = builder().retryPolicy(patient).build()) {
      pusher.trigger("orders", "created", Map.of("id", 42));
    }
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(patient.maxAttempts()).isEqualTo(5);
  }
}
