package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelInfo;
import io.channels4j.ChannelsQuery;
import io.channels4j.Event;
import io.channels4j.PresenceUser;
import io.channels4j.TriggerOptions;
import io.channels4j.TriggerResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seeded occupancy and presence members show in every query. */
class PusherTestServerSeedingTest {
  private final PusherTestServer server = PusherTestServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsOccupiedChannelsOnly() {
    server.occupy("news", 3);
    server.occupy("empty", 0);
    server.addPresenceMember("presence-room", "alice");
    assertThat(server.client().channels().channels().keySet())
        .containsExactlyInAnyOrder("news", "presence-room");
  }

  @Test
  void filtersByPrefixWithUserCounts() {
    server.occupy("news", 3);
    server.addPresenceMember("presence-room", "alice");
    server.addPresenceMember("presence-room", "bob");
    var result = server.client().channels(ChannelsQuery.withPrefix("presence-").andUserCount());
    assertThat(result.channels()).containsOnlyKeys("presence-room");
    assertThat(result.channels().get("presence-room").userCount()).hasValue(2);
  }

  @Test
  void answersOneChannelsAttributes() {
    server.occupy("presence-room", 1);
    server.addPresenceMember("presence-room", "alice");
    ChannelInfo info =
        server
            .client()
            .channel(
                "presence-room", ChannelAttribute.USER_COUNT, ChannelAttribute.SUBSCRIPTION_COUNT);
    assertThat(info.occupied()).isTrue();
    assertThat(info.userCount()).hasValue(1);
    assertThat(info.subscriptionCount()).hasValue(2);
  }

  @Test
  void answersAnUnknownChannelAsUnoccupied() {
    ChannelInfo info = server.client().channel("nobody-here");
    assertThat(info.occupied()).isFalse();
  }

  @Test
  void listsPresenceMembersInOrderOfJoining() {
    server.addPresenceMember("presence-room", "alice");
    server.addPresenceMember("presence-room", "bob");
    assertThat(server.client().users("presence-room"))
        .containsExactly(new PresenceUser("alice"), new PresenceUser("bob"));
  }

  @Test
  void removedAndTerminatedMembersLeave() {
    server.addPresenceMember("presence-room", "alice");
    server.addPresenceMember("presence-room", "bob");
    server.addPresenceMember("presence-room", "carol");
    assertThat(server.removePresenceMember("presence-room", "alice")).isTrue();
    server.client().terminateUserConnections("bob");
    assertThat(server.client().users("presence-room")).containsExactly(new PresenceUser("carol"));
  }

  @Test
  void answersTriggerInfoFromTheSeededState() {
    server.occupy("news", 4);
    server.addPresenceMember("presence-room", "alice");
    TriggerResult r =
        server
            .client()
            .trigger(
                List.of("news", "presence-room"),
                "e",
                "x",
                TriggerOptions.none()
                    .withInfo(ChannelAttribute.USER_COUNT, ChannelAttribute.SUBSCRIPTION_COUNT));
    assertThat(r.channel("news").subscriptionCount()).hasValue(4);
    assertThat(r.channel("news").userCount()).isEmpty();
    assertThat(r.channel("presence-room").userCount()).hasValue(1);
  }

  @Test
  void answersBatchInfoPerEvent() {
    server.occupy("a", 2);
    var r =
        server
            .client()
            .triggerBatch(
                List.of(
                    Event.of("a", "e", "x").withInfo(ChannelAttribute.SUBSCRIPTION_COUNT),
                    Event.of("b", "e", "y")));
    assertThat(r.event(0).subscriptionCount()).hasValue(2);
    assertThat(r.event(1).subscriptionCount()).isEmpty();
  }

  @Test
  void keepsTheLastEventOfACacheChannel() {
    server.client().trigger("cache-prices", "tick", "{\"p\":1}");
    server.client().trigger("cache-prices", "tick", "{\"p\":2}");
    ChannelInfo info = server.client().channel("cache-prices", ChannelAttribute.CACHE);
    assertThat(info.cache()).isPresent();
    assertThat(info.cache().get().data()).isEqualTo("{\"p\":2}");
    assertThat(info.cache().get().ttl().toSeconds()).isBetween(1790L, 1800L);
  }

  @Test
  void vacateForgetsAChannel() {
    server.occupy("news", 3);
    server.vacate("news");
    assertThat(server.client().channels().channels()).isEmpty();
  }
}
