package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Event;
import io.channels4j.PushNotification;
import io.channels4j.TriggerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the server records of the requests it accepts. */
class PusherTestServerRecordingTest {
  private final PusherTestServer server = PusherTestServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void recordsAStringPayloadExactlyAsSent() {
    server.client().trigger("my-channel", "my-event", "hello");
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.channel()).isEqualTo("my-channel");
    assertThat(t.name()).isEqualTo("my-event");
    assertThat(t.data()).isEqualTo("hello");
    assertThat(t.batched()).isFalse();
    assertThat(t.socketId()).isEmpty();
  }

  @Test
  void recordsAnObjectPayloadAsJson() {
    server.client().trigger("orders", "created", Map.of("id", 7));
    assertThat(server.takeTrigger().data()).isEqualTo("{\"id\":7}");
  }

  @Test
  void recordsTheExcludedSocket() {
    server.client().trigger(List.of("a", "b"), "e", "x", TriggerOptions.excluding("123.456"));
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.channels()).containsExactly("a", "b");
    assertThat(t.socketId()).hasValue("123.456");
  }

  @Test
  void takesTriggersInArrivalOrderWhileTriggersKeepsThemAll() {
    server.client().trigger("c", "first", "1");
    server.client().trigger("c", "second", "2");
    assertThat(server.takeTrigger().name()).isEqualTo("first");
    assertThat(server.takeTrigger().name()).isEqualTo("second");
    assertThat(server.triggers())
        .extracting(RecordedTrigger::name)
        .containsExactly("first", "second");
  }

  @Test
  void takeTriggerWithTimeoutIsEmptyWhenNothingArrives() {
    assertThat(server.takeTrigger(Duration.ofMillis(50))).isEmpty();
  }

  @Test
  void takeTriggerFailsWithTheRequestsReceivedWhenNothingArrives() {
    try (PusherTestServer quick =
        PusherTestServer.builder().takeTimeout(Duration.ofMillis(50)).start()) {
      quick.client().channels();
      assertThatThrownBy(quick::takeTrigger)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no event arrived within 50 ms")
          .hasMessageContaining("GET /apps/4242/channels -> 200");
    }
  }

  @Test
  void awaitTriggersReturnsOnceTheCountArrivesFromAnotherThread() throws Exception {
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < 3; i++) {
                server.client().trigger("c", "e" + i, "x");
              }
            });
    sender.start();
    List<RecordedTrigger> all = server.awaitTriggers(3, Duration.ofSeconds(10));
    sender.join(10_000);
    assertThat(all).hasSize(3);
  }

  @Test
  void awaitTriggersFailsWhenTooFewArrive() {
    server.client().trigger("c", "e", "x");
    assertThatThrownBy(() -> server.awaitTriggers(2, Duration.ofMillis(50)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected 2 events within 50 ms, but 1 arrived");
  }

  @Test
  void recordsEachBatchEventAsBatched() {
    server
        .client()
        .triggerBatch(List.of(Event.of("a", "e1", "one"), Event.of("b", "e2", Map.of("n", 2))));
    List<RecordedTrigger> all = server.triggers();
    assertThat(all).extracting(RecordedTrigger::channel).containsExactly("a", "b");
    assertThat(all).extracting(RecordedTrigger::data).containsExactly("one", "{\"n\":2}");
    assertThat(all).allMatch(RecordedTrigger::batched);
  }

  @Test
  void recordsSendToUserWithTheUserId() {
    server.client().sendToUser("alice", "notice", "hi");
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.channels()).containsExactly("#server-to-user-alice");
    assertThat(t.userId()).hasValue("alice");
  }

  @Test
  void anOrdinaryTriggerHasNoUserId() {
    server.client().trigger("c", "e", "x");
    assertThat(server.takeTrigger().userId()).isEmpty();
  }

  @Test
  void recordsTerminatedUsers() {
    server.client().terminateUserConnections("bob");
    assertThat(server.terminatedUsers()).containsExactly("bob");
  }

  @Test
  void recordsPushNotifications() {
    server.pushSubscribers(3);
    var result =
        server
            .client()
            .notify(
                List.of("donuts"),
                PushNotification.fcm(Map.of("notification", Map.of("title", "hi")))
                    .withWebhookUrl("http://127.0.0.1:1/hook"));
    assertThat(result.numberOfSubscribers()).isEqualTo(3);
    RecordedNotification n = server.notifications().get(0);
    assertThat(n.interests()).containsExactly("donuts");
    assertThat(n.webhookUrl()).hasValue("http://127.0.0.1:1/hook");
    assertThat(n.json()).contains("\"fcm\":{\"notification\":{\"title\":\"hi\"}}");
  }

  @Test
  void recordsRequestsWithHeadersQueryAndBody() {
    server.client().trigger("c", "e", "x");
    RecordedRequest r = server.takeRequest();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/apps/4242/events");
    assertThat(r.query()).containsEntry("auth_key", "testkit-key").containsKey("body_md5");
    assertThat(r.header("content-type")).hasValue("application/json");
    assertThat(r.bodyText()).contains("\"name\":\"e\"");
    assertThat(r.status()).hasValue(200);
  }

  @Test
  void recordsRefusedRequestsToo() {
    new RawApi(server).send("GET", "/apps/4242/channels", null);
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).status()).hasValue(401);
    assertThat(server.triggers()).isEmpty();
  }

  @Test
  void resetForgetsRecordsAndSeeds() {
    server.occupy("c", 1);
    server.client().trigger("c", "e", "x");
    server.reset();
    assertThat(server.triggers()).isEmpty();
    assertThat(server.requests()).isEmpty();
    assertThat(server.client().channels().channels()).isEmpty();
  }

  @Test
  void toStringNeverShowsTheSecret() {
    assertThat(server.toString()).doesNotContain(server.secret()).contains("127.0.0.1");
  }

  @Test
  void urlIsAPusherUrlTheClientCanUse() {
    try (io.channels4j.Pusher fromUrl = io.channels4j.Pusher.fromUrl(server.url())) {
      fromUrl.trigger("c", "e", "x");
    }
    assertThat(server.takeTrigger().channel()).isEqualTo("c");
  }

  @Test
  void refusesTheClientAfterClose() {
    server.close();
    assertThatThrownBy(server::client).isInstanceOf(IllegalStateException.class);
  }
}
