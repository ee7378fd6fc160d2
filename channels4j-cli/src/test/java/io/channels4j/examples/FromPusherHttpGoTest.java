package io.channels4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelInfo;
import io.channels4j.ChannelsQuery;
import io.channels4j.ChannelsResult;
import io.channels4j.Event;
import io.channels4j.NotifyResult;
import io.channels4j.PresenceUser;
import io.channels4j.PushNotification;
import io.channels4j.Pusher;
import io.channels4j.TriggerOptions;
import io.channels4j.TriggerResult;
import io.channels4j.ValidationException;
import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/migrating.md, section "From pusher-http-go": each call of the Go library and
 * its channels4j equivalent, run against the test server. Keep the two in step.
 */
class FromPusherHttpGoTest {
  private final PusherTestServer server = PusherTestServer.start();
  private final Pusher pusher = server.client();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void trigger() {
    // Go: client.Trigger("my-channel", "my-event", map[string]string{"message": "hello"})
    pusher.trigger("my-channel", "my-event", Map.of("message", "hello"));
    assertThat(server.takeTrigger().data()).isEqualTo("{\"message\":\"hello\"}");
  }

  @Test
  void triggerMulti() {
    // Go: client.TriggerMulti([]string{"a", "b"}, "my-event", data)
    pusher.trigger(List.of("a", "b"), "my-event", Map.of("n", 1));
    assertThat(server.takeTrigger().channels()).containsExactly("a", "b");
  }

  @Test
  void triggerExclusive() {
    // Go: client.TriggerExclusive("my-channel", "my-event", data, "123.456")
    pusher.trigger(
        List.of("my-channel"), "my-event", Map.of("n", 1), TriggerOptions.excluding("123.456"));
    assertThat(server.takeTrigger().socketId()).hasValue("123.456");
  }

  @Test
  void triggerMultiExclusive() {
    // Go: client.TriggerMultiExclusive([]string{"a", "b"}, "my-event", data, "123.456")
    pusher.trigger(
        List.of("a", "b"), "my-event", Map.of("n", 1), TriggerOptions.excluding("123.456"));
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.channels()).containsExactly("a", "b");
    assertThat(t.socketId()).hasValue("123.456");
  }

  @Test
  void triggerWithParams() {
    // Go: client.TriggerWithParams("presence-room", "e", data, pusher.TriggerParams{Info: &info})
    server.addPresenceMember("presence-room", "alice");
    TriggerResult result =
        pusher.trigger(
            List.of("presence-room"),
            "e",
            Map.of("n", 1),
            TriggerOptions.none().withInfo(ChannelAttribute.USER_COUNT));
    assertThat(result.channel("presence-room").userCount()).hasValue(1);
  }

  @Test
  void triggerBatch() {
    // Go: client.TriggerBatch([]pusher.Event{{Channel: "a", Name: "e", Data: "1"}, ...})
    pusher.triggerBatch(List.of(Event.of("a", "e", "1"), Event.of("b", "e", "2")));
    assertThat(server.triggers()).extracting(RecordedTrigger::channel).containsExactly("a", "b");
  }

  @Test
  void channels() {
    // Go: client.Channels(pusher.ChannelsParams{FilterByPrefix: &prefix, Info: &userCount})
    server.addPresenceMember("presence-room", "alice");
    ChannelsResult result = pusher.channels(ChannelsQuery.withPrefix("presence-").andUserCount());
    assertThat(result.channels().get("presence-room").userCount()).hasValue(1);
  }

  @Test
  void channel() {
    // Go: client.Channel("presence-room", pusher.ChannelParams{Info: &info})
    server.addPresenceMember("presence-room", "alice");
    ChannelInfo info =
        pusher.channel(
            "presence-room", ChannelAttribute.USER_COUNT, ChannelAttribute.SUBSCRIPTION_COUNT);
    assertThat(info.occupied()).isTrue();
    assertThat(info.userCount()).hasValue(1);
  }

  @Test
  void getChannelUsers() {
    // Go: client.GetChannelUsers("presence-room")
    server.addPresenceMember("presence-room", "alice");
    assertThat(pusher.users("presence-room")).containsExactly(new PresenceUser("alice"));
  }

  // V-09 credentials (docs/migrating.md uses the published auth vectors).
  private static Pusher v09() {
    return Pusher.builder()
        .appId("3")
        .key("278d425bdf160c739803")
        .secret("7ad3773142a6692b25b8")
        .build();
  }

  @Test
  void authenticatePrivateChannel() {
    // Go: client.AuthenticatePrivateChannel(body)  (body: socket_id=...&channel_name=...)
    try (Pusher p = v09()) {
      ChannelAuthorization auth =
          p.authorizeChannelFromForm("socket_id=1234.1234&channel_name=private-foobar");
      assertThat(auth.toJson())
          .isEqualTo(
              "{\"auth\":\"278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4\"}");
    }
  }

  @Test
  void authenticatePresenceChannel() {
    // Go: client.AuthenticatePresenceChannel(body, pusher.MemberData{UserID: "10",
    //         UserInfo: map[string]string{"name": "Mr. Pusher"}})
    try (Pusher p = v09()) {
      ChannelAuthorization auth =
          p.authorizeChannelFromForm(
              "socket_id=1234.1234&channel_name=presence-foobar",
              PresenceMember.of("10", Map.of("name", "Mr. Pusher")));
      assertThat(auth.auth())
          .isEqualTo(
              "278d425bdf160c739803:48dac51d2d7569e1e9c0f48c227d4b26f238fa68e5c0bb04222c966909c4f7c4");
      assertThat(auth.channelData())
          .hasValue("{\"user_id\":\"10\",\"user_info\":{\"name\":\"Mr. Pusher\"}}");
    }
  }

  @Test
  void webhook() {
    // Go: client.Webhook(request.Header, body)  (V-31: key 123456789, secret tofu)
    try (Pusher p = Pusher.builder().appId("1").key("123456789").secret("tofu").build()) {
      byte[] body =
          "{\"time_ms\":1403175510755,\"events\":[{\"channel\":\"test_channel\",\"name\":\"channel_vacated\"}]}"
              .getBytes(StandardCharsets.UTF_8);
      Webhook webhook =
          p.verifyWebhook(
              Map.of(
                  "X-Pusher-Key", List.of("123456789"),
                  "X-Pusher-Signature",
                      List.of("c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5")),
              body);
      assertThat(webhook.events()).containsExactly(new ChannelVacated("test_channel"));
    }
  }

  @Test
  void notifyLegacyPush() {
    // Go (2017): client.Notify([]string{"donuts"}, pusher.PushNotification{FCM: payload})
    //   with client.PushNotificationHost set.
    server.pushSubscribers(4);
    NotifyResult result =
        pusher.notify(
            List.of("donuts"), PushNotification.fcm(Map.of("notification", Map.of("title", "hi"))));
    assertThat(result.numberOfSubscribers()).isEqualTo(4);
    assertThat(server.notifications().get(0).interests()).containsExactly("donuts");
  }

  @Test
  void clientFromUrl() {
    // Go: pusher.ClientFromURL("http://key:secret@host:port/apps/4242")
    try (Pusher fromUrl = Pusher.fromUrl(server.url())) {
      fromUrl.trigger("c", "e", "x");
    }
    assertThat(server.takeTrigger().channel()).isEqualTo("c");
  }

  @Test
  void clientFromEnv() {
    // Go: pusher.ClientFromEnv("PUSHER_URL")  — channels4j: Pusher.fromEnv() reads PUSHER_URL.
    assertThatThrownBy(() -> Pusher.fromEnv("CHANNELS4J_EXAMPLE_UNSET_VARIABLE"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("CHANNELS4J_EXAMPLE_UNSET_VARIABLE is not set");
  }

  @Test
  void appIdsNeedNotBeNumeric() {
    // Go's ClientFromURL accepts only digits in the app id; soketi's default is "app-id".
    try (PusherTestServer soketiLike = PusherTestServer.builder().appId("app-id").start();
        Pusher p = Pusher.fromUrl(soketiLike.url())) {
      p.trigger("c", "e", "x");
      assertThat(soketiLike.takeTrigger().channel()).isEqualTo("c");
    }
  }
}
