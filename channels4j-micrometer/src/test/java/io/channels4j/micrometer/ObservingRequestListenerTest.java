package io.channels4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.ApiException;
import io.channels4j.ChannelsQuery;
import io.channels4j.Event;
import io.channels4j.PushNotification;
import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.TransportException;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timers, tags and retry counts after real calls against the testkit server. */
@Timeout(30)
class ObservingRequestListenerTest {
  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

  private final PusherTestServer server = PusherTestServer.start();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationRegistry observations = ObservationRegistry.create();
  private Pusher pusher;

  ObservingRequestListenerTest() {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
  }

  private Pusher client(Pusher.Builder builder) {
    pusher = builder.requestListener(new ObservingRequestListener(observations, meters)).build();
    return pusher;
  }

  @AfterEach
  void close() {
    if (pusher != null) {
      pusher.close();
    }
    server.close();
  }

  private Timer timer(String call, String outcome, String status) {
    return meters
        .get("channels4j.requests")
        .tags("pusher.call", call, "outcome", outcome, "status", status)
        .timer();
  }

  @Test
  void timesASuccessfulTriggerWithLowCardinalityTagsOnly() {
    client(server.clientBuilder().retryPolicy(FAST))
        .trigger("private-orders-of-user-4711", "order-created", "{}");

    Timer timer = timer("trigger", "SUCCESS", "2xx");
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.getId().getTag("http.method")).isEqualTo("POST");
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    for (Meter meter : meters.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue())
            .as("tag %s of %s", tag.getKey(), meter.getId().getName())
            .doesNotContain("orders")
            .doesNotContain("4711")
            .doesNotContain("/apps");
      }
    }
  }

  @Test
  void timesEachAttemptOfARetriedCallAndCountsTheRetry() {
    server.enqueueFault(Fault.status(503));
    client(server.clientBuilder().retryPolicy(FAST)).trigger("my-channel", "my-event", "{}");

    assertThat(timer("trigger", "SERVER_ERROR", "5xx").count()).isEqualTo(1);
    assertThat(timer("trigger", "SUCCESS", "2xx").count()).isEqualTo(1);
    assertThat(
            meters
                .get(ObservingRequestListener.RETRIES)
                .tags("pusher.call", "trigger", "http.method", "POST")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(server.triggers()).hasSize(1);
  }

  @Test
  void recordsAFailedCallWithItsOutcomeAndErrorAndNoRetry() {
    server.enqueueFault(Fault.status(400, "{\"error\":\"bad\"}"));
    Pusher p = client(server.clientBuilder().retryPolicy(FAST));

    Throwable thrown = catchThrowable(() -> p.channels());

    assertThat(thrown).isInstanceOf(ApiException.class);
    Timer timer = timer("channels", "CLIENT_ERROR", "4xx");
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.getId().getTag("http.method")).isEqualTo("GET");
    assertThat(timer.getId().getTag("error")).isEqualTo("ApiException");
    assertThat(meters.find(ObservingRequestListener.RETRIES).counter()).isNull();
  }

  @Test
  void recordsACallWithoutAnswerAsATransportError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Pusher p = client(server.clientBuilder().port(closedPort).retryPolicy(RetryPolicy.none()));

    assertThat(catchThrowable(() -> p.trigger("my-channel", "my-event", "{}")))
        .isInstanceOf(TransportException.class);

    assertThat(timer("trigger", "TRANSPORT_ERROR", "NONE").count()).isEqualTo(1);
  }

  @Test
  void tagsEveryKindOfCall() {
    server.occupy("presence-room", 1);
    server.addPresenceMember("presence-room", "user-1");
    Pusher p = client(server.clientBuilder().retryPolicy(FAST));

    p.trigger("my-channel", "my-event", "{}");
    p.triggerBatch(List.of(Event.of("my-channel", "my-event", "{}")));
    p.channels(ChannelsQuery.all());
    p.channel("my-channel");
    p.users("presence-room");
    p.sendToUser("user-1", "my-event", "{}");
    p.terminateUserConnections("user-1");
    p.notify(List.of("news"), PushNotification.fcm(Map.of("notification", Map.of("title", "hi"))));

    for (String call :
        List.of(
            "trigger",
            "batch",
            "channels",
            "channel",
            "users",
            "send-to-user",
            "terminate",
            "notify")) {
      assertThat(timer(call, "SUCCESS", "2xx").count()).as(call).isEqualTo(1);
    }
  }

  @Test
  void observesEachAttemptWithASpanNameAndStopsIt() {
    TestObservationRegistry test = TestObservationRegistry.create();
    pusher =
        server
            .clientBuilder()
            .retryPolicy(FAST)
            .requestListener(new ObservingRequestListener(test, meters))
            .build();

    pusher.channel("private-secret-room");

    TestObservationRegistryAssert.assertThat(test)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo("channels4j.requests")
        .hasContextualNameEqualTo("pusher channel")
        .hasLowCardinalityKeyValue("pusher.call", "channel")
        .hasLowCardinalityKeyValue("http.method", "GET")
        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
        .hasLowCardinalityKeyValue("status", "2xx")
        .hasHighCardinalityKeyValue("pusher.attempt", "1")
        .doesNotHaveError()
        .hasBeenStarted()
        .isExactlyInstanceOf(PusherRequestContext.class)
        .hasBeenStopped();
  }
}
