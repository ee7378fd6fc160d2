package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.testkit.PusherTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code channels}, {@code channel}, {@code users}, {@code send-to-user}, {@code terminate}. */
class QueryCommandsTest {
  private final PusherTestServer server = PusherTestServer.start();
  private final ObjectMapper mapper = new ObjectMapper();

  @BeforeEach
  void seed() {
    server.occupy("news", 3);
    server.addPresenceMember("presence-room", "alice");
    server.addPresenceMember("presence-room", "bob");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void channelsListsOccupiedChannelsSorted() {
    CliRunner.Result r = CliRunner.run("channels", "--url", server.url());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("news\npresence-room\n");
  }

  @Test
  void channelsWithUserCountAsJson() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "channels", "--url", server.url(), "--prefix", "presence-", "--user-count", "--json");
    assertThat(r.code()).isZero();
    JsonNode json = mapper.readTree(r.out());
    assertThat(json.path("channels").path("presence-room").path("user_count").asInt()).isEqualTo(2);
    assertThat(json.path("channels").has("news")).isFalse();
  }

  @Test
  void channelsWithUserCountButNoPrefixIsAUsageError() {
    CliRunner.Result r = CliRunner.run("channels", "--url", server.url(), "--user-count");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: withUserCount needs a prefix");
  }

  @Test
  void channelsSaysWhenNoneIsOccupied() {
    server.reset();
    assertThat(CliRunner.run("channels", "--url", server.url()).out())
        .isEqualTo("no occupied channels\n");
  }

  @Test
  void channelShowsTheAttributesAskedFor() {
    CliRunner.Result r =
        CliRunner.run(
            "channel",
            "--url",
            server.url(),
            "presence-room",
            "--info",
            "user_count,subscription_count");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "channel: presence-room\noccupied: true\nuser_count: 2\nsubscription_count: 2\n");
  }

  @Test
  void channelAsJson() throws Exception {
    CliRunner.Result r = CliRunner.run("channel", "--url", server.url(), "empty", "--json");
    assertThat(mapper.readTree(r.out()).path("occupied").asBoolean(true)).isFalse();
  }

  @Test
  void channelRejectsAnUnknownInfoName() {
    CliRunner.Result r = CliRunner.run("channel", "--url", server.url(), "news", "--info", "users");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: --info must name user_count, subscription_count or cache, but names 'users'\n");
  }

  @Test
  void usersListsPresenceMembers() {
    CliRunner.Result r = CliRunner.run("users", "--url", server.url(), "presence-room");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("alice\nbob\n");
  }

  @Test
  void usersAsJson() throws Exception {
    CliRunner.Result r = CliRunner.run("users", "--url", server.url(), "presence-room", "--json");
    assertThat(r.out()).isEqualTo("{\"users\":[{\"id\":\"alice\"},{\"id\":\"bob\"}]}\n");
  }

  @Test
  void usersOfANonPresenceChannelIsAUsageError() {
    CliRunner.Result r = CliRunner.run("users", "--url", server.url(), "news");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: presenceChannel must start with presence-, but is news\n");
  }

  @Test
  void sendToUserSendsOnTheUsersChannel() {
    CliRunner.Result r =
        CliRunner.run("send-to-user", "--url", server.url(), "alice", "-e", "notice", "-d", "hi");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("sent \"notice\" to user alice\n");
    assertThat(server.takeTrigger().userId()).hasValue("alice");
  }

  @Test
  void terminateClosesTheUsersConnections() throws Exception {
    CliRunner.Result r = CliRunner.run("terminate", "--url", server.url(), "bob", "--json");
    assertThat(r.code()).isZero();
    assertThat(mapper.readTree(r.out()).path("terminated").asBoolean()).isTrue();
    assertThat(server.terminatedUsers()).containsExactly("bob");
  }
}
