package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests the client would refuse, sent by hand: the server refuses them like the service. */
class PusherTestServerLimitsTest {
  private final PusherTestServer server = PusherTestServer.start();
  private final RawApi raw = new RawApi(server);
  private final String events = "/apps/" + PusherTestServer.DEFAULT_APP_ID + "/events";
  private final String batch = "/apps/" + PusherTestServer.DEFAULT_APP_ID + "/batch_events";

  @AfterEach
  void stop() {
    server.close();
  }

  private static String channelsJson(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("\"c" + i + "\"");
    }
    return "[" + String.join(",", names) + "]";
  }

  private RawApi.Response trigger(String channelsJson, String name, String data) {
    return raw.signed(
        "POST",
        events,
        Map.of(),
        "{\"name\":\"" + name + "\",\"channels\":" + channelsJson + ",\"data\":\"" + data + "\"}");
  }

  @Test
  void accepts100Channels() {
    assertThat(trigger(channelsJson(100), "e", "x").status()).isEqualTo(200);
    assertThat(server.takeTrigger().channels()).hasSize(100);
  }

  @Test
  void rejects101ChannelsWith400() {
    RawApi.Response r = trigger(channelsJson(101), "e", "x");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("Too many channels: 101 given, at most 100 per event");
    assertThat(server.triggers()).isEmpty();
  }

  @Test
  void rejectsAChannelNameOf201Characters() {
    RawApi.Response r = trigger("[\"" + "a".repeat(201) + "\"]", "e", "x");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).startsWith("Invalid channel name").contains("201 characters");
  }

  @Test
  void acceptsAChannelNameOf200Characters() {
    assertThat(trigger("[\"" + "a".repeat(200) + "\"]", "e", "x").status()).isEqualTo(200);
  }

  @Test
  void rejectsAChannelNameOutsideTheCharset() {
    RawApi.Response r = trigger("[\"bad channel\"]", "e", "x");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).startsWith("Invalid channel name: 'bad channel'");
  }

  @Test
  void rejectsAnEventNameOf201Characters() {
    RawApi.Response r = trigger("[\"c\"]", "e".repeat(201), "x");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("Event name too long: 201 characters, at most 200");
  }

  @Test
  void rejectsDataOver10KiBWith413() {
    RawApi.Response r = trigger("[\"c\"]", "e", "x".repeat(10 * 1024 + 1));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body())
        .isEqualTo("The event data should be less than 10 KB: data has 10241 bytes");
  }

  @Test
  void accepts10KiBOfData() {
    assertThat(trigger("[\"c\"]", "e", "x".repeat(10 * 1024)).status()).isEqualTo(200);
  }

  @Test
  void appliesAConfiguredDataLimit() {
    try (PusherTestServer small = PusherTestServer.builder().maxEventDataBytes(100).start()) {
      RawApi.Response r =
          new RawApi(small)
              .signed(
                  "POST",
                  "/apps/" + small.appId() + "/events",
                  Map.of(),
                  "{\"name\":\"e\",\"channels\":[\"c\"],\"data\":\"" + "y".repeat(101) + "\"}");
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).startsWith("The event data should be less than 100 bytes");
    }
  }

  @Test
  void rejectsEmptyData() {
    RawApi.Response r = trigger("[\"c\"]", "e", "");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("The received data is incorrect: data must not be empty");
  }

  @Test
  void rejectsASocketIdWithAColon() {
    RawApi.Response r =
        raw.signed(
            "POST",
            events,
            Map.of(),
            "{\"name\":\"e\",\"channels\":[\"c\"],\"data\":\"x\",\"socket_id\":\"1.1:\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).startsWith("Invalid socket_id: \"1.1:\"");
  }

  @Test
  void rejectsABodyThatIsNotJson() {
    RawApi.Response r = raw.signed("POST", events, Map.of(), "not json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("The received data is incorrect: the body is not valid JSON");
  }

  @Test
  void rejectsElevenBatchEventsAndRecordsNone() {
    StringBuilder sb = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 11; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"channel\":\"c\",\"name\":\"e\",\"data\":\"x\"}");
    }
    RawApi.Response r = raw.signed("POST", batch, Map.of(), sb.append("]}").toString());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("Cannot batch-send more than 10 messages at once");
    assertThat(server.triggers()).isEmpty();
  }

  @Test
  void rejectsABatchWhoseSecondEventIsTooLargeAndRecordsNone() {
    String body =
        "{\"batch\":[{\"channel\":\"c\",\"name\":\"e\",\"data\":\"ok\"},"
            + "{\"channel\":\"c\",\"name\":\"e\",\"data\":\""
            + "z".repeat(10 * 1024 + 1)
            + "\"}]}";
    RawApi.Response r = raw.signed("POST", batch, Map.of(), body);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).contains("batch[1].data has 10241 bytes");
    assertThat(server.triggers()).isEmpty();
  }

  @Test
  void rejectsUserCountOnChannelsWithoutPresencePrefix() {
    RawApi.Response r =
        raw.signed(
            "GET", "/apps/" + server.appId() + "/channels", Map.of("info", "user_count"), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("filter_by_prefix=presence-");
  }

  @Test
  void rejectsUserCountOfANonPresenceChannel() {
    RawApi.Response r =
        raw.signed(
            "GET",
            "/apps/" + server.appId() + "/channels/public-room",
            Map.of("info", "user_count"),
            null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo("Cannot retrieve the user count unless the channel is a presence channel");
  }

  @Test
  void rejectsTheUsersOfANonPresenceChannel() {
    RawApi.Response r =
        raw.signed(
            "GET", "/apps/" + server.appId() + "/channels/private-room/users", Map.of(), null);
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void rejectsAnInvalidUserIdOnTerminate() {
    RawApi.Response r =
        raw.signed(
            "POST", "/apps/" + server.appId() + "/users/a:b/terminate_connections", Map.of(), "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).startsWith("Invalid user id: 'a:b'");
    assertThat(server.terminatedUsers()).isEmpty();
  }

  @Test
  void rejectsElevenPushInterests() {
    StringBuilder interests = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      interests.append(i == 0 ? "" : ",").append("\"i").append(i).append('"');
    }
    RawApi.Response r =
        raw.signed(
            "POST",
            "/server_api/v1/apps/" + server.appId() + "/notifications",
            Map.of(),
            "{\"interests\":[" + interests + "],\"gcm\":{}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("Interests must contain between 1 and 10 interests");
  }

  @Test
  void answers405ForTheWrongMethod() {
    RawApi.Response r = raw.signed("GET", events, Map.of(), null);
    assertThat(r.status()).isEqualTo(405);
  }
}
