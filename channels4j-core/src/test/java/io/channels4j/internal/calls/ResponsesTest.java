package io.channels4j.internal.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.ChannelAttributes;
import io.channels4j.ChannelInfo;
import io.channels4j.PresenceUser;
import io.channels4j.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ResponsesTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws IOException {
    return (Map<String, Object>) Json.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTriggerAttributesPerChannelAndLeavesOutWhatTheServerOmitted() throws IOException {
    var result =
        Responses.trigger(
            json(
                "{\"channels\":{\"presence-a\":{\"user_count\":3,\"subscription_count\":4},"
                    + "\"b\":{}}}"));
    assertThat(result.channel("presence-a"))
        .isEqualTo(new ChannelAttributes(OptionalInt.of(3), OptionalInt.of(4)));
    assertThat(result.channel("b")).isEqualTo(ChannelAttributes.NONE);
  }

  @Test
  void readsAMissingOrMistypedFieldAsAbsentNotAsAnError() throws IOException {
    assertThat(Responses.trigger(json("{}")).channels()).isEmpty();
    assertThat(Responses.channels(json("{\"channels\":[1]}")).channels()).isEmpty();
    assertThat(Responses.batch(json("{\"batch\":\"x\"}")).events()).isEmpty();
    assertThat(Responses.channel(json("{\"occupied\":true,\"user_count\":\"7\"}")).userCount())
        .isEmpty();
  }

  @Test
  void readsTheCachedEventOfACacheChannel() throws IOException {
    ChannelInfo info =
        Responses.channel(json("{\"occupied\":false,\"cache\":{\"data\":\"x\",\"ttl\":30}}"));
    assertThat(info.cache()).contains(new ChannelInfo.CachedEvent("x", Duration.ofSeconds(30)));
  }

  @Test
  void readsPresenceUsersSkippingEntriesWithoutAnId() throws IOException {
    assertThat(Responses.users(json("{\"users\":[{\"id\":\"1\"},{},{\"id\":2},{\"id\":null}]}")))
        .containsExactly(new PresenceUser("1"), new PresenceUser("2"));
  }

  @Test
  void readsTheSubscriberCountOfANotification() throws IOException {
    assertThat(Responses.notify(json("{\"number_of_subscribers\":12}")).numberOfSubscribers())
        .isEqualTo(12);
    assertThat(Responses.notify(json("{}")).numberOfSubscribers()).isZero();
  }
}
