package io.channels4j;

import static io.channels4j.ChannelAttribute.CACHE;
import static io.channels4j.ChannelAttribute.SUBSCRIPTION_COUNT;
import static io.channels4j.ChannelAttribute.USER_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.RecordingServer.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The read calls: occupied channels, one channel's state, presence users. */
class QueryTest extends RecordingServerFixture {
  private RecordedRequest takeGet(String path) {
    RecordedRequest request = server.takeSignedRequest("GET", path);
    assertThat(request.body()).isEmpty();
    return request;
  }

  private static Map<String, String> withoutAuth(Map<String, String> query) {
    Map<String, String> rest = new java.util.TreeMap<>(query);
    rest.keySet().removeIf(k -> k.startsWith("auth_") || k.equals("body_md5"));
    return rest;
  }

  @Test
  void listsAllOccupiedChannels() {
    server.enqueue("{\"channels\":{\"a\":{},\"b\":{}}}");

    ChannelsResult result = pusher.channels();

    assertThat(withoutAuth(takeGet("/apps/app-id/channels").query())).isEmpty();
    assertThat(result.channels()).containsOnlyKeys("a", "b").containsValue(ChannelAttributes.NONE);
  }

  @Test
  void listsPresenceChannelsWithTheirUserCounts() {
    server.enqueue(
        "{\"channels\":{\"presence-a\":{\"user_count\":3},\"presence-b\":{\"user_count\":0}}}");

    ChannelsResult result = pusher.channels(ChannelsQuery.withPrefix("presence-").andUserCount());

    assertThat(withoutAuth(takeGet("/apps/app-id/channels").query()))
        .isEqualTo(Map.of("filter_by_prefix", "presence-", "info", "user_count"));
    assertThat(result.channels())
        .containsEntry("presence-a", new ChannelAttributes(OptionalInt.of(3), OptionalInt.empty()))
        .containsEntry("presence-b", new ChannelAttributes(OptionalInt.of(0), OptionalInt.empty()));
  }

  @Test
  void listsChannelsWithAPrefixOnly() {
    pusher.channels(ChannelsQuery.withPrefix("private-"));

    assertThat(withoutAuth(takeGet("/apps/app-id/channels").query()))
        .isEqualTo(Map.of("filter_by_prefix", "private-"));
  }

  @Test
  void readsSoketisChannelListWithSubscriptionCounts() {
    server.enqueue("{\"channels\":{\"x\":{\"subscription_count\":2,\"occupied\":true}}}");

    ChannelsResult result = pusher.channels();

    assertThat(result.channels().get("x").subscriptionCount()).hasValue(2);
  }

  @Test
  void sendsExtraQueryParameters() {
    pusher.channels(
        new ChannelsQuery(Optional.of("presence-"), true, Map.of("with_user_info", "1")));

    assertThat(withoutAuth(takeGet("/apps/app-id/channels").query()))
        .isEqualTo(
            Map.of("filter_by_prefix", "presence-", "info", "user_count", "with_user_info", "1"));
  }

  @Test
  void listsChannelsAsynchronously() throws Exception {
    server.enqueue("{\"channels\":{\"presence-a\":{\"user_count\":9}}}");

    ChannelsResult result =
        pusher
            .async()
            .channels(ChannelsQuery.withPrefix("presence-").andUserCount())
            .get(5, TimeUnit.SECONDS);

    takeGet("/apps/app-id/channels");
    assertThat(result.channels().get("presence-a").userCount()).hasValue(9);
  }

  @Test
  void readsOneChannelWithItsCounts() {
    server.enqueue("{\"occupied\":true,\"user_count\":3,\"subscription_count\":4}");

    ChannelInfo info = pusher.channel("presence-room", USER_COUNT, SUBSCRIPTION_COUNT);

    assertThat(withoutAuth(takeGet("/apps/app-id/channels/presence-room").query()))
        .isEqualTo(Map.of("info", "user_count,subscription_count"));
    assertThat(info)
        .isEqualTo(new ChannelInfo(true, OptionalInt.of(3), OptionalInt.of(4), Optional.empty()));
  }

  @Test
  void readsOneChannelWithoutInfo() {
    server.enqueue("{\"occupied\":false}");

    ChannelInfo info = pusher.channel("my-channel");

    assertThat(withoutAuth(takeGet("/apps/app-id/channels/my-channel").query())).isEmpty();
    assertThat(info.occupied()).isFalse();
    assertThat(info.userCount()).isEmpty();
    assertThat(info.subscriptionCount()).isEmpty();
    assertThat(info.cache()).isEmpty();
  }

  @Test
  void sendsAChannelNameOfTheWholeCharsetInThePathAsSigned() {
    pusher.channel("test_-=@,.;channel");

    takeGet("/apps/app-id/channels/test_-=@,.;channel");
  }

  @Test
  void readsTheCachedEventOfACacheChannel() {
    server.enqueue("{\"occupied\":true,\"cache\":{\"data\":\"{\\\"a\\\":1}\",\"ttl\":30}}");

    ChannelInfo info = pusher.channel("cache-prices", CACHE);

    assertThat(withoutAuth(takeGet("/apps/app-id/channels/cache-prices").query()))
        .isEqualTo(Map.of("info", "cache"));
    assertThat(info.cache())
        .contains(new ChannelInfo.CachedEvent("{\"a\":1}", Duration.ofSeconds(30)));
  }

  @Test
  void readsAnEmptyCacheAsAbsent() {
    server.enqueue("{\"occupied\":true,\"cache\":null}");

    assertThat(pusher.channel("cache-prices", CACHE).cache()).isEmpty();
  }

  @Test
  void asksForAllAttributesInOneInfoParameter() {
    pusher.channel("presence-cache-x", CACHE, USER_COUNT, SUBSCRIPTION_COUNT, USER_COUNT);

    assertThat(withoutAuth(takeGet("/apps/app-id/channels/presence-cache-x").query()))
        .isEqualTo(Map.of("info", "user_count,subscription_count,cache"));
  }

  @Test
  void readsOneChannelAsynchronously() throws Exception {
    server.enqueue("{\"occupied\":true,\"subscription_count\":1}");

    ChannelInfo info =
        pusher.async().channel("my-channel", SUBSCRIPTION_COUNT).get(5, TimeUnit.SECONDS);

    takeGet("/apps/app-id/channels/my-channel");
    assertThat(info.occupied()).isTrue();
    assertThat(info.subscriptionCount()).hasValue(1);
  }

  @Test
  void listsPresenceUsers() {
    server.enqueue("{\"users\":[{\"id\":\"1\"},{\"id\":\"2\"}]}");

    List<PresenceUser> users = pusher.users("presence-room");

    assertThat(withoutAuth(takeGet("/apps/app-id/channels/presence-room/users").query())).isEmpty();
    assertThat(users).containsExactly(new PresenceUser("1"), new PresenceUser("2"));
  }

  @Test
  void readsNumericUserIdsAsText() {
    server.enqueue("{\"users\":[{\"id\":10},{\"id\":\"x\",\"user_info\":{\"name\":\"n\"}}]}");

    assertThat(pusher.users("presence-room"))
        .containsExactly(new PresenceUser("10"), new PresenceUser("x"));
  }

  @Test
  void listsNoUsersWhenTheAnswerHasNone() {
    server.enqueue("{}");

    assertThat(pusher.users("presence-room")).isEmpty();
  }

  @Test
  void listsPresenceUsersAsynchronously() throws Exception {
    server.enqueue("{\"users\":[{\"id\":\"a\"}]}");

    List<PresenceUser> users = pusher.async().users("presence-room").get(5, TimeUnit.SECONDS);

    takeGet("/apps/app-id/channels/presence-room/users");
    assertThat(users).containsExactly(new PresenceUser("a"));
  }
}
