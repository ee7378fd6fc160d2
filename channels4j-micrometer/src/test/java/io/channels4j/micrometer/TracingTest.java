package io.channels4j.micrometer;

import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.micrometer.tracing.test.simple.TracerAssert;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With a tracing handler, each attempt is a span named for its call, with the same tags. */
@Timeout(30)
class TracingTest {

  @Test
  void eachAttemptOfARetriedCallIsASpanWithLowCardinalityTags() {
    SimpleTracer tracer = new SimpleTracer();
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(new DefaultTracingObservationHandler(tracer));
    try (PusherTestServer server = PusherTestServer.start();
        Pusher pusher =
            server
                .clientBuilder()
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)))
                .requestListener(
                    new ObservingRequestListener(observations, new SimpleMeterRegistry()))
                .build()) {
      // 503: not processed, so the default retry condition retries even a POST (docs/delivery.md).
      server.enqueueFault(Fault.status(503));

      pusher.trigger("private-orders-of-user-4711", "my-event", "{}");
    }

    TracerAssert.assertThat(tracer)
        .reportedSpans()
        .hasSize(2)
        .allSatisfy(
            span ->
                io.micrometer.tracing.test.simple.SpanAssert.assertThat(span)
                    .hasNameEqualTo("pusher trigger")
                    .hasTag("pusher.call", "trigger")
                    .hasTag("http.method", "POST")
                    .isEnded())
        .allSatisfy(
            span ->
                org.assertj.core.api.Assertions.assertThat(span.getTags().values())
                    .noneMatch(v -> v.contains("4711") || v.contains("orders")))
        .anySatisfy(
            span ->
                io.micrometer.tracing.test.simple.SpanAssert.assertThat(span)
                    .hasTag("outcome", "SERVER_ERROR")
                    .hasTag("status", "5xx")
                    .hasTag("pusher.attempt", "1"))
        .anySatisfy(
            span ->
                io.micrometer.tracing.test.simple.SpanAssert.assertThat(span)
                    .hasTag("outcome", "SUCCESS")
                    .hasTag("pusher.attempt", "2"));
  }
}
