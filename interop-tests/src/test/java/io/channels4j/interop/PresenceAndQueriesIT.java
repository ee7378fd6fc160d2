package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelInfo;
import io.channels4j.ChannelsQuery;
import io.channels4j.ChannelsResult;
import io.channels4j.PresenceUser;
import io.channels4j.Pusher;
import io.channels4j.interop.support.Line;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence membership as pusher-js clients see it matches what channels4j's {@code users()} reads
 * from soketi, and channel queries ({@code channels()}, with a prefix, {@code channel()}) match who
 * is subscribed.
 *
 * <p>Each test uses its own channels, so the tests do not depend on each other's order.
 */
@ExtendWith(SharedPeers.Resolver.class)
class PresenceAndQueriesIT {

  private static final String PREFIX = SharedPeers.channelPrefix(PresenceAndQueriesIT.class);

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
  void presenceMembersSeenByClientsMatchUsersAndUserCount() throws Exception {
    String channel = "presence-" + PREFIX + "room";
    join("alice", "alice", "{\"name\":\"Alice Ω\"}", channel);
    int mark = clients.mark();
    join("bob-1", "bob", "{\"name\":\"Bob 🐻\"}", channel);
    join("bob-2", "bob", "{\"name\":\"Bob 🐻\"}", channel);

    // alice sees bob arrive once, although bob has two connections.
    Interop.flush(pusher, clients, Map.of("alice", channel));
    JsonNode added =
        clients.await(mark, Line.type("member_added").client("alice"), SharedPeers.WAIT);
    assertThat(added.path("member").path("id").asText()).isEqualTo("bob");
    assertThat(added.path("member").path("info").path("name").asText()).isEqualTo("Bob 🐻");
    assertThat(clients.lines(Line.type("member_added").client("alice"))).hasSize(1);
    JsonNode members = clients.command("members", Map.of("client", "alice", "channel", channel));
    assertThat(members.path("count").asInt()).isEqualTo(2);
    assertThat(ids(members.path("members"))).containsExactlyInAnyOrder("alice", "bob");
    assertThat(userIds(pusher.users(channel))).containsExactlyInAnyOrder("alice", "bob");
    assertThat(userIds(pusher.async().users(channel).get(20, TimeUnit.SECONDS)))
        .containsExactlyInAnyOrder("alice", "bob");
    ChannelInfo info =
        pusher.channel(channel, ChannelAttribute.USER_COUNT, ChannelAttribute.SUBSCRIPTION_COUNT);
    assertThat(info.occupied()).isTrue();
    assertThat(info.userCount()).isEqualTo(OptionalInt.of(2));
    assertThat(info.subscriptionCount()).isEqualTo(OptionalInt.of(3));

    // alice leaves: bob's connections see her go, and soketi's list follows.
    int left = clients.mark();
    clients.unsubscribe("alice", channel);
    JsonNode removed =
        clients.await(left, Line.type("member_removed").client("bob-1"), SharedPeers.WAIT);
    assertThat(removed.path("member").path("id").asText()).isEqualTo("alice");
    assertThat(userIds(pusher.users(channel))).containsExactly("bob");
    ChannelInfo after = pusher.channel(channel, ChannelAttribute.USER_COUNT);
    assertThat(after.userCount()).isEqualTo(OptionalInt.of(1));
    assertThat(after.subscriptionCount()).isEqualTo(OptionalInt.of(2));
  }

  @Test
  void channelsListsExactlyTheOccupiedChannelsWithTheirSubscriptionCounts() throws Exception {
    String one = PREFIX + "list-one";
    String two = PREFIX + "list-two";
    String secret = "private-" + PREFIX + "list-three";
    String room = "presence-" + PREFIX + "list-room";
    subscribe("lister-1", one, two, secret);
    subscribe("lister-2", two);
    clients.connect("member", Map.of("authParams", Map.of("user_id", "m")));
    Interop.subscribeAll(clients, "member", room);

    ChannelsResult byPrefix = pusher.channels(ChannelsQuery.withPrefix(PREFIX + "list-"));
    ChannelsResult all = pusher.channels();
    ChannelsResult presence =
        pusher
            .async()
            .channels(ChannelsQuery.withPrefix("presence-" + PREFIX + "list-").andUserCount())
            .get(20, TimeUnit.SECONDS);

    assertThat(byPrefix.channels()).containsOnlyKeys(one, two);
    assertThat(byPrefix.channels().get(one).subscriptionCount()).isEqualTo(OptionalInt.of(1));
    assertThat(byPrefix.channels().get(two).subscriptionCount()).isEqualTo(OptionalInt.of(2));
    assertThat(all.channels()).containsKeys(one, two, secret, room);
    assertThat(presence.channels()).containsOnlyKeys(room);
    assertThat(presence.channels().get(room).subscriptionCount()).isEqualTo(OptionalInt.of(1));

    // Once the last subscriber leaves (soketi's channel_vacated webhook says when), the channel is
    // no longer listed.
    clients.unsubscribe("lister-1", one);
    peers.app.awaitWebhook(
        request -> Interop.hasWebhookEvent(request.json(), "channel_vacated", one),
        SharedPeers.WAIT);
    assertThat(pusher.channels(ChannelsQuery.withPrefix(PREFIX + "list-")).channels())
        .containsOnlyKeys(two);
  }

  @Test
  void channelReportsOccupancyAndSubscriptionCount() {
    String busy = PREFIX + "info-busy";
    String secret = "private-" + PREFIX + "info-secret";
    subscribe("info-1", busy, secret);
    subscribe("info-2", busy);

    ChannelInfo busyInfo = pusher.channel(busy, ChannelAttribute.SUBSCRIPTION_COUNT);
    ChannelInfo secretInfo = pusher.channel(secret);
    ChannelInfo empty = pusher.channel(PREFIX + "info-nobody", ChannelAttribute.SUBSCRIPTION_COUNT);

    assertThat(busyInfo.occupied()).isTrue();
    assertThat(busyInfo.subscriptionCount()).isEqualTo(OptionalInt.of(2));
    assertThat(busyInfo.userCount()).isEmpty();
    assertThat(secretInfo.occupied()).isTrue();
    assertThat(empty.occupied()).isFalse();
    assertThat(empty.subscriptionCount()).isEqualTo(OptionalInt.of(0));
  }

  private static void join(String client, String userId, String userInfo, String channel) {
    clients.connect(client, Map.of("authParams", Map.of("user_id", userId, "user_info", userInfo)));
    Interop.subscribeAll(clients, client, channel);
  }

  private static void subscribe(String client, String... channels) {
    clients.connect(client);
    for (String channel : channels) {
      Interop.subscribeAll(clients, client, channel);
    }
  }

  private static List<String> ids(JsonNode members) {
    List<String> ids = new ArrayList<>();
    members.forEach(member -> ids.add(member.path("id").asText()));
    return ids;
  }

  private static List<String> userIds(List<PresenceUser> users) {
    return users.stream().map(PresenceUser::id).toList();
  }
}
