package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server accepts what the service accepts and refuses what it refuses, with 401. */
class PusherTestServerSignatureTest {

  // V-01 (protocol.md 10.1): the documented worked example.
  private static final String V01_BODY =
      "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}";
  private static final String V01_QUERY =
      "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0"
          + "&body_md5=ec365a775a4cd0599faeb73354201b6f";
  private static final String V01_SIGNATURE =
      "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c";

  /** The V-01 query with its published signature. */
  private static final String V01_SIGNED_QUERY = V01_QUERY + "&auth_signature=" + V01_SIGNATURE;

  private static PusherTestServer v01Server(long nowSeconds) {
    return serverAt("3", "278d425bdf160c739803", "7ad3773142a6692b25b8", nowSeconds);
  }

  private static PusherTestServer v02Server(long nowSeconds) {
    return serverAt("102015", "d41a439c438a100756f5", "4bf35003e819bb138249", nowSeconds);
  }

  private static PusherTestServer serverAt(
      String appId, String key, String secret, long nowSeconds) {
    return PusherTestServer.builder()
        .appId(appId)
        .key(key)
        .secret(secret)
        .clock(Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC))
        .start();
  }

  /** Sends the V-01 trigger request with exactly this query and body. */
  private static RawApi.Response postV01(PusherTestServer server, String query, String body) {
    return new RawApi(server).send("POST", "/apps/3/events?" + query, body);
  }

  /** Sends a GET with exactly this path and query. */
  private static RawApi.Response get(PusherTestServer server, String pathAndQuery) {
    return new RawApi(server).send("GET", pathAndQuery, null);
  }

  @Test
  void acceptsThePublishedTriggerVector() {
    try (PusherTestServer server = v01Server(1353088179)) {
      RawApi.Response r = postV01(server, V01_SIGNED_QUERY, V01_BODY);
      assertThat(r.status()).isEqualTo(200);
      RecordedTrigger t = server.takeTrigger();
      assertThat(t.channels()).containsExactly("project-3");
      assertThat(t.name()).isEqualTo("foo");
      assertThat(t.data()).isEqualTo("{\"some\":\"data\"}");
    }
  }

  @Test
  void rejectsTheTriggerVectorWithOneSignatureDigitChanged() {
    try (PusherTestServer server = v01Server(1353088179)) {
      String bad = "ea454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c";
      RawApi.Response r = postV01(server, V01_QUERY + "&auth_signature=" + bad, V01_BODY);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body())
          .startsWith("Invalid signature: you should have sent HmacSHA256Hex(")
          .contains("POST\\n/apps/3/events\\nauth_key=278d425bdf160c739803&auth_timestamp")
          .contains(bad)
          .doesNotContain("7ad3773142a6692b25b8");
      assertThat(server.triggers()).isEmpty();
    }
  }

  @Test
  void rejectsABodyThatDoesNotMatchBodyMd5() {
    try (PusherTestServer server = v01Server(1353088179)) {
      String tampered = V01_BODY.replace("foo", "fox");
      RawApi.Response r = postV01(server, V01_SIGNED_QUERY, tampered);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).contains("body_md5");
    }
  }

  @Test
  void rejectsATimestampMoreThan600SecondsOld() {
    try (PusherTestServer server = v01Server(1353088179 + 601)) {
      RawApi.Response r = postV01(server, V01_SIGNED_QUERY, V01_BODY);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body())
          .isEqualTo(
              "Timestamp expired: Given timestamp (2012-11-16T17:49:39Z) not within 600s of"
                  + " server time (2012-11-16T17:59:40Z)");
    }
  }

  @Test
  void rejectsATimestampMoreThan600SecondsAhead() {
    try (PusherTestServer server = v01Server(1353088179 - 601)) {
      RawApi.Response r = postV01(server, V01_SIGNED_QUERY, V01_BODY);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).startsWith("Timestamp expired");
    }
  }

  @Test
  void acceptsATimestamp599SecondsOld() {
    try (PusherTestServer server = v01Server(1353088179 + 599)) {
      RawApi.Response r = postV01(server, V01_SIGNED_QUERY, V01_BODY);
      assertThat(r.status()).isEqualTo(200);
    }
  }

  @Test
  void rejectsAnUnknownKey() {
    try (PusherTestServer server = v01Server(1353088179)) {
      RawApi.Response r =
          postV01(
              server,
              V01_QUERY.replace("278d425bdf160c739803", "278d425bdf160c739804")
                  + "&auth_signature="
                  + V01_SIGNATURE,
              V01_BODY);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("Unknown auth_key");
    }
  }

  @Test
  void rejectsARequestWithoutSignature() {
    try (PusherTestServer server = v01Server(1353088179)) {
      RawApi.Response r = postV01(server, V01_QUERY, V01_BODY);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("Missing parameter: auth_signature");
    }
  }

  @Test
  void acceptsThePublishedChannelsQueryVector() {
    // V-02: GET /channels with filter_by_prefix and info.
    try (PusherTestServer server = v02Server(1427034994)) {
      RawApi.Response r =
          get(
              server,
              "/apps/102015/channels?auth_key=d41a439c438a100756f5"
                  + "&auth_signature=4d8a02edcc8a758b0162cd6da690a9a45fb8ae326a276dca1e06a0bc42796c11"
                  + "&auth_timestamp=1427034994&auth_version=1.0"
                  + "&filter_by_prefix=presence-&info=user_count");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"channels\":{}}");
    }
  }

  @Test
  void acceptsThePublishedQueryWithNoParams() {
    // V-04
    try (PusherTestServer server = v02Server(1427036787)) {
      RawApi.Response r =
          get(
              server,
              "/apps/102015/channels?auth_key=d41a439c438a100756f5"
                  + "&auth_signature=df89248f87f6e6d028925e0b04d60f316527a865992ace6936afa91281d8bef0"
                  + "&auth_timestamp=1427036787&auth_version=1.0");
      assertThat(r.status()).isEqualTo(200);
    }
  }

  @Test
  void verifiesTheCommaOfInfoDecodedWhetherSentRawOrEscaped() {
    // V-05: the comma is signed raw; on the wire it may travel raw or as %2C.
    String path =
        "/apps/102015/channels/presence-session-d41a439c438a100756f5-4bf35003e819bb138249-ROpCFmgFhXY";
    String query =
        "?auth_key=d41a439c438a100756f5"
            + "&auth_signature=f93ceb31f396aef336226efe512aaf339bd5e39c7c2c04b81cc8681dc16ee785"
            + "&auth_timestamp=1427053326&auth_version=1.0&info=user_count";
    try (PusherTestServer server = v02Server(1427053326)) {
      assertThat(get(server, path + query + ",subscription_count").status()).isEqualTo(200);
      RawApi.Response escaped = get(server, path + query + "%2Csubscription_count");
      assertThat(escaped.status()).isEqualTo(200);
      assertThat(escaped.body())
          .isEqualTo("{\"occupied\":false,\"user_count\":0,\"subscription_count\":0}");
    }
  }

  @Test
  void rejectsTheChannelVectorSignedOverAnEscapedComma() {
    // V-05's counter-example: signing "%2C" instead of "," gives 5a6d..., which must fail.
    String path =
        "/apps/102015/channels/presence-session-d41a439c438a100756f5-4bf35003e819bb138249-ROpCFmgFhXY";
    try (PusherTestServer server = v02Server(1427053326)) {
      RawApi.Response r =
          get(
              server,
              path
                  + "?auth_key=d41a439c438a100756f5"
                  + "&auth_signature=5a6dacba1e8f3d7161df37ae901a85421c38b1db91155550848a59e04a8c5e09"
                  + "&auth_timestamp=1427053326&auth_version=1.0"
                  + "&info=user_count%2Csubscription_count");
      assertThat(r.status()).isEqualTo(401);
    }
  }

  @Test
  void acceptsThePublishedUsersQueryVector() {
    // V-06
    try (PusherTestServer server = v02Server(1427053709)) {
      String channel = "presence-session-d41a439c438a100756f5-4bf35003e819bb138249-nYJLy67qh52";
      server.addPresenceMember(channel, "42");
      RawApi.Response r =
          get(
              server,
              "/apps/102015/channels/"
                  + channel
                  + "/users?auth_key=d41a439c438a100756f5"
                  + "&auth_signature=207feaf4e8efeb24e5f148011704251bf90e2059a5f97a3eb52d06178b11feca"
                  + "&auth_timestamp=1427053709&auth_version=1.0");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"users\":[{\"id\":\"42\"}]}");
    }
  }

  @Test
  void answers404ForAnotherAppId() {
    try (PusherTestServer server = PusherTestServer.start()) {
      RawApi.Response r = new RawApi(server).signed("GET", "/apps/999/channels", Map.of(), null);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body()).isEqualTo("The app 999 could not be found.");
    }
  }

  @Test
  void acceptsTheClientsOwnSignatures() {
    try (PusherTestServer server = PusherTestServer.start()) {
      server.client().trigger("my-channel", "my-event", "hello");
      assertThat(server.requests()).hasSize(1);
      assertThat(server.requests().get(0).status()).hasValue(200);
    }
  }

  @Test
  void rejectsTheClientWhenItsClockIsTenMinutesAndOneSecondBehind() {
    Clock behind = Clock.offset(Clock.systemUTC(), java.time.Duration.ofSeconds(-601));
    try (PusherTestServer server = PusherTestServer.start();
        io.channels4j.Pusher late = server.clientBuilder().clock(behind).build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> late.trigger("c", "e", "x"))
          .isInstanceOf(io.channels4j.ApiException.class)
          .hasMessageContaining("401")
          .hasMessageContaining("Timestamp expired");
    }
  }
}
