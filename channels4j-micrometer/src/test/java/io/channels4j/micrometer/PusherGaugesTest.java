package io.channels4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.Pusher;
import io.channels4j.TriggerResult;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gauges follow real async calls held by the testkit server. */
@Timeout(30)
class PusherGaugesTest {

  @Test
  void reportTheCallsInFlightAndQueuedThenNone() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (PusherTestServer server = PusherTestServer.start();
        Pusher pusher = server.clientBuilder().maxRequestsInFlight(1).build()) {
      new PusherGauges(pusher, Tags.of("client", "orders")).bindTo(meters);
      server.enqueueFault(new Fault.Delay(Duration.ofMillis(700)), 3);
      List<CompletableFuture<TriggerResult>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(pusher.async().trigger("my-channel", "my-event", "{}"));
      }
      // Bounded wait for the first call to leave the queue.
      for (int i = 0; i < 100 && gauge(meters, PusherGauges.QUEUED) > 2; i++) {
        Thread.sleep(5);
      }

      assertThat(gauge(meters, PusherGauges.IN_FLIGHT)).isEqualTo(1.0);
      assertThat(gauge(meters, PusherGauges.QUEUED)).isEqualTo(2.0);

      for (CompletableFuture<TriggerResult> call : calls) {
        call.get(10, TimeUnit.SECONDS);
      }
      for (int i = 0; i < 100 && gauge(meters, PusherGauges.IN_FLIGHT) > 0; i++) {
        Thread.sleep(5);
      }
      assertThat(gauge(meters, PusherGauges.IN_FLIGHT)).isZero();
      assertThat(gauge(meters, PusherGauges.QUEUED)).isZero();
      assertThat(server.triggers()).hasSize(3);
    }
  }

  private static double gauge(SimpleMeterRegistry meters, String name) {
    return meters.get(name).tag("client", "orders").gauge().value();
  }
}
