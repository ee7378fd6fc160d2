package io.channels4j;

import static io.channels4j.ChannelAttribute.SUBSCRIPTION_COUNT;
import static io.channels4j.ChannelAttribute.USER_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.RecordingServer.RecordedRequest;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TriggerTest extends RecordingServerFixture {
  private RecordedRequest takeTrigger() {
    return server.takeSignedRequest("POST", "/apps/app-id/events");
  }

  @Test
  void triggersOnOneChannel() {
    TriggerResult result = pusher.trigger("my-channel", "my-event", "{\"message\":\"hello\"}");

    assertThat(takeTrigger().bodyText())
        .isEqualTo(
            "{\"name\":\"my-event\",\"data\":\"{\\\"message\\\":\\\"hello\\\"}\","
                + "\"channels\":[\"my-channel\"]}");
    assertThat(result.channels()).isEmpty();
  }

  @Test
  void triggersOnSeveralChannelsInTheGivenOrder() {
    pusher.trigger(List.of("c-2", "c-1", "c-3"), "my-event", "x");

    assertThat(takeTrigger().bodyText())
        .isEqualTo("{\"name\":\"my-event\",\"data\":\"x\",\"channels\":[\"c-2\",\"c-1\",\"c-3\"]}");
  }

  @Test
  void triggersOnOneHundredChannels() {
    List<String> channels =
        java.util.stream.IntStream.range(0, 100).mapToObj(i -> "channel-" + i).toList();

    pusher.trigger(channels, "my-event", "x");

    assertThat(takeTrigger().bodyText()).contains("\"channel-0\",").endsWith("\"channel-99\"]}");
  }

  @Test
  void leavesOutTheExcludedSocket() {
    pusher.trigger(List.of("my-channel"), "my-event", "x", TriggerOptions.excluding("1234.12"));

    assertThat(takeTrigger().bodyText())
        .isEqualTo(
            "{\"name\":\"my-event\",\"data\":\"x\",\"channels\":[\"my-channel\"],"
                + "\"socket_id\":\"1234.12\"}");
  }

  @Test
  void readsTypedChannelAttributesWhenInfoIsAskedFor() {
    server.enqueue("{\"channels\":{\"presence-x\":{\"user_count\":1,\"subscription_count\":2}}}");

    TriggerResult result =
        pusher.trigger(
            List.of("presence-x"),
            "my-event",
            "x",
            TriggerOptions.none().withInfo(USER_COUNT, SUBSCRIPTION_COUNT));

    assertThat(takeTrigger().bodyText()).endsWith("\"info\":\"user_count,subscription_count\"}");
    assertThat(result.channel("presence-x"))
        .isEqualTo(new ChannelAttributes(OptionalInt.of(1), OptionalInt.of(2)));
  }

  @Test
  void readsAttributesOfSeveralChannelsWhereSomeAreMissing() {
    // pusher-http-go TestTriggerMultiWithParamsInfoSuccess
    server.enqueue(
        "{\"channels\":{\"presence-test_channel\":{\"subscription_count\":2,\"user_count\":1},"
            + "\"test_channel\":{\"subscription_count\":3},\"empty\":{}}}");

    TriggerResult result =
        pusher.trigger(
            List.of("presence-test_channel", "test_channel", "empty"),
            "my-event",
            "x",
            TriggerOptions.excluding("1.2").withInfo(SUBSCRIPTION_COUNT, USER_COUNT));

    assertThat(result.channel("presence-test_channel"))
        .isEqualTo(new ChannelAttributes(OptionalInt.of(1), OptionalInt.of(2)));
    assertThat(result.channel("test_channel"))
        .isEqualTo(new ChannelAttributes(OptionalInt.empty(), OptionalInt.of(3)));
    assertThat(result.channel("empty")).isEqualTo(ChannelAttributes.NONE);
    assertThat(result.channel("never-mentioned")).isEqualTo(ChannelAttributes.NONE);
    assertThat(result.channels()).hasSize(3);
  }

  @Test
  void ignoresAttributesThatAreNotCounts() {
    server.enqueue(
        "{\"channels\":{\"c\":{\"user_count\":\"many\",\"subscription_count\":null,\"x\":1}}}");

    TriggerResult result =
        pusher.trigger(List.of("c"), "e", "x", TriggerOptions.none().withInfo(USER_COUNT));

    assertThat(result.channel("c").userCount()).isEmpty();
    assertThat(result.channel("c").subscriptionCount()).isEmpty();
  }

  @Test
  void triggersAsynchronouslyWithTheSameRequest() throws Exception {
    server.enqueue("{\"channels\":{\"presence-x\":{\"user_count\":7}}}");

    TriggerResult result =
        pusher
            .async()
            .trigger(
                List.of("presence-x"),
                "my-event",
                "x",
                TriggerOptions.excluding("1.1").withInfo(USER_COUNT))
            .get(5, TimeUnit.SECONDS);

    assertThat(takeTrigger().bodyText())
        .isEqualTo(
            "{\"name\":\"my-event\",\"data\":\"x\",\"channels\":[\"presence-x\"],"
                + "\"socket_id\":\"1.1\",\"info\":\"user_count\"}");
    assertThat(result.channel("presence-x").userCount()).hasValue(7);
  }

  @Test
  void triggersOnOneChannelAsynchronously() throws Exception {
    pusher.async().trigger("my-channel", "my-event", "x").get(5, TimeUnit.SECONDS);

    assertThat(takeTrigger().bodyText())
        .isEqualTo("{\"name\":\"my-event\",\"data\":\"x\",\"channels\":[\"my-channel\"]}");
  }

  @Test
  void escapesDataAndNamesAsJsonStrings() {
    pusher.trigger("my-channel", "ev\"ent\\", "line\nbreak \"quoted\" é \u0001");

    assertThat(takeTrigger().bodyText())
        .isEqualTo(
            "{\"name\":\"ev\\\"ent\\\\\",\"data\":\"line\\nbreak \\\"quoted\\\" é \\u0001\","
                + "\"channels\":[\"my-channel\"]}");
  }
}
