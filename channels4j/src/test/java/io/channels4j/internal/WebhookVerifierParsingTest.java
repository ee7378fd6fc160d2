package io.channels4j.internal;

import static io.channels4j.internal.TestHmac.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.webhook.CacheMiss;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.ClientEvent;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.InvalidWebhookException.Reason;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.MemberRemoved;
import io.channels4j.webhook.SubscriptionCount;
import io.channels4j.webhook.UnknownEvent;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookEvent;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a signed body becomes typed events, and which bodies are malformed. */
class WebhookVerifierParsingTest {
  private static final Pusher PUSHER = TestClients.pusher("app-key", "app-secret");

  @AfterAll
  static void close() {
    PUSHER.close();
  }

  private static Webhook verify(String body) {
    byte[] bytes = utf8(body);
    return PUSHER.verifyWebhook("app-key", TestHmac.hex("app-secret", bytes), bytes);
  }

  private static WebhookEvent only(String event) {
    Webhook webhook = verify("{\"time_ms\":1,\"events\":[" + event + "]}");
    assertThat(webhook.events()).hasSize(1);
    return webhook.events().get(0);
  }

  @Test
  void readsGosClientEvent() {
    Webhook webhook =
        verify(
            "{\"time_ms\":1427233518933,\"events\":[{\"name\":\"client_event\",\"channel\":\"private-channel\","
                + "\"event\":\"client-yolo\",\"data\":\"{\\\"yolo\\\":\\\"woot\\\"}\",\"socket_id\":\"44610.7511910\"}]}");

    assertThat(webhook.time()).isEqualTo(Instant.ofEpochMilli(1427233518933L));
    assertThat(webhook.events())
        .containsExactly(
            new ClientEvent(
                "private-channel",
                "client-yolo",
                "{\"yolo\":\"woot\"}",
                Optional.of("44610.7511910"),
                Optional.empty()));
  }

  @Test
  void readsClientEventDataThatIsAJsonObjectAsSoketiSendsIt() {
    ClientEvent event =
        (ClientEvent)
            only(
                "{\"name\":\"client_event\",\"channel\":\"presence-chat\",\"event\":\"client-typing\","
                    + "\"data\":{\"typing\":true,\"who\":[1,2]},\"socket_id\":\"1.2\",\"user_id\":\"u1\"}");

    assertThat(event.data()).isEqualTo("{\"typing\":true,\"who\":[1,2]}");
    assertThat(event.userId()).contains("u1");
    assertThat(event.socketId()).contains("1.2");
  }

  @Test
  void readsClientEventDataOfOtherJsonKinds() {
    String base = "{\"name\":\"client_event\",\"channel\":\"private-a\",\"event\":\"client-x\"";

    assertThat(((ClientEvent) only(base + ",\"data\":42}")).data()).isEqualTo("42");
    assertThat(((ClientEvent) only(base + ",\"data\":null}")).data()).isEqualTo("null");
    assertThat(((ClientEvent) only(base + ",\"data\":[\"a\"]}")).data()).isEqualTo("[\"a\"]");
    assertThat(((ClientEvent) only(base + ",\"data\":\"\"}")).data()).isEmpty();
    assertThat(((ClientEvent) only(base + "}")).data()).isEqualTo("null");
  }

  @Test
  void readsEveryDocumentedKind() {
    Webhook webhook =
        verify(
            "{\"time_ms\":1700000000123,\"events\":["
                + "{\"name\":\"channel_occupied\",\"channel\":\"a\"},"
                + "{\"name\":\"channel_vacated\",\"channel\":\"b\"},"
                + "{\"name\":\"member_added\",\"channel\":\"presence-c\",\"user_id\":\"u1\"},"
                + "{\"name\":\"member_removed\",\"channel\":\"presence-c\",\"user_id\":\"u2\"},"
                + "{\"name\":\"cache_miss\",\"channel\":\"cache-d\"},"
                + "{\"name\":\"subscription_count\",\"channel\":\"e\",\"subscription_count\":7}"
                + "]}");

    assertThat(webhook.time()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
    assertThat(webhook.events())
        .containsExactly(
            new ChannelOccupied("a"),
            new ChannelVacated("b"),
            new MemberAdded("presence-c", "u1"),
            new MemberRemoved("presence-c", "u2"),
            new CacheMiss("cache-d"),
            new SubscriptionCount("e", 7));
    assertThat(webhook.events())
        .extracting(WebhookEvent::name)
        .containsExactly(
            "channel_occupied",
            "channel_vacated",
            "member_added",
            "member_removed",
            "cache_miss",
            "subscription_count");
  }

  @Test
  void readsNumericUserIdAsText() {
    // A presence channel_data with a numeric user_id (as pusher-http-java writes it) comes back so.
    assertThat(only("{\"name\":\"member_added\",\"channel\":\"presence-c\",\"user_id\":10}"))
        .isEqualTo(new MemberAdded("presence-c", "10"));
  }

  @Test
  void keepsUnknownKinds() {
    WebhookEvent event =
        only("{\"name\":\"channel_renamed\",\"channel\":\"a\",\"to\":\"b\",\"n\":[1]}");

    assertThat(event)
        .isEqualTo(
            new UnknownEvent(
                "channel_renamed",
                "a",
                "{\"name\":\"channel_renamed\",\"channel\":\"a\",\"to\":\"b\",\"n\":[1]}"));
    assertThat(event.name()).isEqualTo("channel_renamed");
  }

  @Test
  void keepsUnknownKindsWithoutChannel() {
    assertThat(only("{\"name\":\"app_event\"}").channel()).isEmpty();
  }

  @Test
  void ignoresUnknownFieldsOfKnownKinds() {
    assertThat(only("{\"name\":\"channel_occupied\",\"channel\":\"a\",\"extra\":{\"x\":1}}"))
        .isEqualTo(new ChannelOccupied("a"));
  }

  @Test
  void readsEmptyEventList() {
    assertThat(verify("{\"events\":[],\"time_ms\":5}").events()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not json",
        "[]",
        "\"text\"",
        "null",
        "{\"time_ms\":1}",
        "{\"events\":[]}",
        "{\"time_ms\":\"1\",\"events\":[]}",
        "{\"time_ms\":1.5,\"events\":[]}",
        "{\"time_ms\":99999999999999999999999,\"events\":[]}",
        "{\"time_ms\":1,\"events\":{}}",
        "{\"time_ms\":1,\"events\":[1]}",
        "{\"time_ms\":1,\"events\":[{}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":3}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"channel_occupied\"}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"channel_occupied\",\"channel\":1}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"member_added\",\"channel\":\"a\"}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"member_added\",\"channel\":\"a\",\"user_id\":{}}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"member_added\",\"channel\":\"a\",\"user_id\":1.5}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"subscription_count\",\"channel\":\"a\"}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"subscription_count\",\"channel\":\"a\",\"subscription_count\":\"2\"}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"subscription_count\",\"channel\":\"a\",\"subscription_count\":3000000000}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"client_event\",\"channel\":\"a\"}]}",
        "{\"time_ms\":1,\"events\":[{\"name\":\"client_event\",\"channel\":\"a\",\"event\":\"e\",\"socket_id\":1}]}",
        "{\"time_ms\":1,\"events\":[]} trailing",
        "{\"time_ms\":1,\"time_ms\":2,\"events\":[]}",
        "{\"time_ms\":1,\"events\":[]",
      })
  void refusesMalformedBodies(String body) {
    assertThatThrownBy(() -> verify(body))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY))
        .hasMessageStartingWith("invalid webhook: ");
  }

  @Test
  void namesTheBadFieldInTheMessage() {
    assertThatThrownBy(
            () ->
                verify(
                    "{\"time_ms\":1,\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"a\"},"
                        + "{\"name\":\"member_added\",\"channel\":\"a\"}]}"))
        .hasMessage("invalid webhook: events[1].user_id must be a string");
  }

  @Test
  void refusesDeeplyNestedJsonAsMalformed() {
    String deep = "[".repeat(5000) + "]".repeat(5000);

    assertThatThrownBy(() -> verify("{\"time_ms\":1,\"events\":[],\"x\":" + deep + "}"))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
  }

  @Test
  void refusesInvalidUtf8AsMalformed() {
    byte[] body = {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'};

    assertThatThrownBy(
            () -> PUSHER.verifyWebhook("app-key", TestHmac.hex("app-secret", body), body))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
  }
}
