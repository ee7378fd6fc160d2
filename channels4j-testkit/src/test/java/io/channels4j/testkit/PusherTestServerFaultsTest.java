package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ApiException;
import io.channels4j.Pusher;
import io.channels4j.RequestTimeoutException;
import io.channels4j.RetryPolicy;
import io.channels4j.TransportException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Injected faults: a status, a delay, a dropped connection. */
class PusherTestServerFaultsTest {
  private final PusherTestServer server = PusherTestServer.start();
  private final Pusher noRetry = server.clientBuilder().retryPolicy(RetryPolicy.none()).build();

  @AfterEach
  void stop() {
    noRetry.close();
    server.close();
  }

  @Test
  void answersTheInjectedStatusAndBody() {
    server.enqueueFault(Fault.status(500, "boom"));
    assertThatThrownBy(() -> noRetry.trigger("c", "e", "x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.body()).isEqualTo("boom");
            });
    assertThat(server.triggers()).isEmpty();
  }

  @Test
  void playsAFaultOnceThenAnswersNormally() {
    server.enqueueFault(Fault.status(503));
    assertThatThrownBy(() -> noRetry.channels()).isInstanceOf(ApiException.class);
    assertThat(noRetry.channels().channels()).isEmpty();
  }

  @Test
  void theDefaultClientRetriesA503AndSucceeds() {
    server.enqueueFault(Fault.status(503));
    server.client().trigger("c", "e", "x");
    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(0).status()).hasValue(503);
    assertThat(server.triggers()).hasSize(1);
  }

  @Test
  void sendsInjectedHeaders() {
    server.enqueueFault(Fault.status(429).withHeader("Retry-After", "7"));
    assertThatThrownBy(() -> noRetry.trigger("c", "e", "x"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7)));
  }

  @Test
  void playsRepeatedFaults() {
    server.enqueueFault(Fault.status(502), 2);
    assertThatThrownBy(() -> noRetry.channels()).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> noRetry.channels()).isInstanceOf(ApiException.class);
    assertThat(noRetry.channels().channels()).isEmpty();
  }

  @Test
  void aDelayLongerThanTheClientTimeoutTimesOut() {
    server.enqueueFault(Fault.delay(Duration.ofSeconds(2)));
    try (Pusher impatient =
        server
            .clientBuilder()
            .retryPolicy(RetryPolicy.none())
            .timeout(Duration.ofMillis(200))
            .build()) {
      assertThatThrownBy(() -> impatient.trigger("c", "e", "x"))
          .isInstanceOf(RequestTimeoutException.class);
    }
  }

  @Test
  void aShortDelayStillAnswers() {
    server.enqueueFault(Fault.delay(Duration.ofMillis(100)));
    long start = System.nanoTime();
    noRetry.trigger("c", "e", "x");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(server.triggers()).hasSize(1);
  }

  @Test
  void aDroppedConnectionIsATransportFailure() {
    server.enqueueFault(Fault.dropConnection());
    assertThatThrownBy(() -> noRetry.trigger("c", "e", "x")).isInstanceOf(TransportException.class);
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).status()).isEmpty();
    assertThat(server.triggers()).isEmpty();
  }

  @Test
  void refusesAnOutOfRangeStatus() {
    assertThatThrownBy(() -> Fault.status(99)).isInstanceOf(IllegalArgumentException.class);
  }
}
