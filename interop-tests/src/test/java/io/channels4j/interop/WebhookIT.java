package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.interop.support.AppServer;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.ClientEvent;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.MemberRemoved;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhooks soketi really sends (channel occupied and vacated, member added and removed, client
 * events with object data) verify with channels4j and parse to the right typed events; a tampered
 * one is refused with {@link InvalidWebhookException}.
 */
@ExtendWith(SharedPeers.Resolver.class)
class WebhookIT {

  private static final String PREFIX = SharedPeers.channelPrefix(WebhookIT.class);

  private static SharedPeers peers;
  private static PusherJsClients clients;
  private static Pusher pusher;

  @BeforeAll
  static void start(SharedPeers shared) {
    peers = shared;
    pusher = peers.authorizingPusher();
    clients = peers.startClients();
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher);
  }

  @Test
  void channelOccupiedAndVacatedVerifyAndParse() {
    String channel = PREFIX + "occupancy";
    Instant before = Instant.now();
    clients.connect("watcher");
    clients.subscribe("watcher", channel);

    AppServer.Request occupiedRequest = awaitWebhook("channel_occupied", channel);
    Webhook occupied = pusher.verifyWebhook(occupiedRequest.headers(), occupiedRequest.body());
    clients.unsubscribe("watcher", channel);
    AppServer.Request vacatedRequest = awaitWebhook("channel_vacated", channel);
    Webhook vacated = pusher.verifyWebhook(vacatedRequest.headers(), vacatedRequest.body());

    assertThat(occupied.events()).containsExactly(new ChannelOccupied(channel));
    assertThat(vacated.events()).containsExactly(new ChannelVacated(channel));
    assertThat(occupied.time()).isBetween(before.minusSeconds(60), Instant.now().plusSeconds(60));
    assertThat(vacated.time()).isAfterOrEqualTo(occupied.time());
  }

  @Test
  void memberAddedAndRemovedVerifyAndParse() {
    String channel = "presence-" + PREFIX + "members";
    clients.connect("member", Map.of("authParams", Map.of("user_id", "zoë-7")));
    clients.subscribe("member", channel);

    AppServer.Request added = awaitWebhook("member_added", channel);
    clients.unsubscribe("member", channel);
    AppServer.Request removed = awaitWebhook("member_removed", channel);

    assertThat(verifiedEvents(added)).containsExactly(new MemberAdded(channel, "zoë-7"));
    assertThat(verifiedEvents(removed)).containsExactly(new MemberRemoved(channel, "zoë-7"));
  }

  @Test
  void clientEventWithObjectDataOnAPrivateChannelVerifiesAndParses() {
    String channel = "private-" + PREFIX + "chat";
    String sender = clients.connect("sender");
    clients.subscribe("sender", channel);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("msg", "héllo \"world\" \\ 🌍");
    data.put("n", 7);
    data.put("list", List.of(1, Map.of("a", "b")));

    assertThat(clients.trigger("sender", channel, "client-ping", data)).isTrue();
    AppServer.Request request = awaitWebhook("client_event", channel);

    ClientEvent event = (ClientEvent) single(verifiedEvents(request));
    assertThat(event.channel()).isEqualTo(channel);
    assertThat(event.event()).isEqualTo("client-ping");
    assertThat(Interop.parse(event.data())).isEqualTo(Interop.tree(data));
    assertThat(event.socketId()).contains(sender);
    assertThat(event.userId()).isEmpty();
  }

  @Test
  void clientEventOnAPresenceChannelCarriesTheSendersUserId() {
    String channel = "presence-" + PREFIX + "room";
    String sender =
        clients.connect("presence-sender", Map.of("authParams", Map.of("user_id", "sender-1")));
    clients.subscribe("presence-sender", channel);

    clients.trigger("presence-sender", channel, "client-wave", Map.of("hand", "👋"));
    AppServer.Request request = awaitWebhook("client_event", channel);

    ClientEvent event = (ClientEvent) single(verifiedEvents(request));
    assertThat(event.event()).isEqualTo("client-wave");
    assertThat(Interop.parse(event.data())).isEqualTo(Interop.tree(Map.of("hand", "👋")));
    assertThat(event.socketId()).contains(sender);
    assertThat(event.userId()).isEqualTo(Optional.of("sender-1"));
  }

  @Test
  void tamperedWebhooksAreRefused() {
    String channel = PREFIX + "tamper";
    clients.connect("tamper");
    clients.subscribe("tamper", channel);
    AppServer.Request genuine = awaitWebhook("channel_occupied", channel);
    byte[] body = genuine.body();
    String key = genuine.header("X-Pusher-Key");
    String signature = genuine.header("X-Pusher-Signature");
    // The genuine one passes, so each refusal below is due to its one change.
    assertThat(pusher.verifyWebhook(key, signature, body).events())
        .containsExactly(new ChannelOccupied(channel));

    byte[] flipped = body.clone();
    int at = new String(body, StandardCharsets.UTF_8).indexOf("tamper");
    flipped[at] ^= 0x01;
    String otherSignature =
        signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");
    Map<String, List<String>> unknownKey = new HashMap<>(genuine.headers());
    unknownKey.put("x-pusher-key", List.of("someone-else"));

    assertRefused(
        () -> pusher.verifyWebhook(key, signature, flipped),
        InvalidWebhookException.Reason.BAD_SIGNATURE);
    assertRefused(
        () -> pusher.verifyWebhook(key, otherSignature, body),
        InvalidWebhookException.Reason.BAD_SIGNATURE);
    assertRefused(
        () -> pusher.verifyWebhook(unknownKey, body), InvalidWebhookException.Reason.UNKNOWN_KEY);
    try (Pusher wrongSecret = peers.pusherBuilder().secret("not-the-secret").build()) {
      assertRefused(
          () -> wrongSecret.verifyWebhook(genuine.headers(), body),
          InvalidWebhookException.Reason.BAD_SIGNATURE);
    }
  }

  private static AppServer.Request awaitWebhook(String name, String channel) {
    return peers.app.awaitWebhook(
        request -> Interop.hasWebhookEvent(request.json(), name, channel), Duration.ofSeconds(15));
  }

  private static List<WebhookEvent> verifiedEvents(AppServer.Request request) {
    return pusher.verifyWebhook(request.headers(), request.body()).events();
  }

  private static WebhookEvent single(List<WebhookEvent> events) {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static void assertRefused(Runnable verification, InvalidWebhookException.Reason reason) {
    assertThatThrownBy(verification::run)
        .isInstanceOfSatisfying(
            InvalidWebhookException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
