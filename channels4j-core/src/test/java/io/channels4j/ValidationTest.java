package io.channels4j;

import static io.channels4j.ChannelAttribute.CACHE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.spi.ChannelEncryption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input checks of the event calls (trigger, batch, sendToUser): each bad input is refused with a
 * message naming the field, the rule and the size, and nothing reaches the server. The positive
 * tests at each limit show the limit is exactly where the message says.
 */
class ValidationTest extends RecordingServerFixture {
  private static final String DOTS_RULE =
      " must not be made only of dots (it would be a dot-segment of the request path, which servers"
          + " and proxies remove), but is ";

  private static final String CHARSET_RULE =
      "may contain only letters, digits and _-=@,.; but has ";

  /** Asserts a ValidationException and that the server received nothing. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(ThrowingCallable call) {
    AbstractThrowableAssert<?, ? extends Throwable> thrown =
        assertThatThrownBy(call).isInstanceOf(ValidationException.class);
    assertThat(server.requestCount()).as("requests that reached the server").isZero();
    return thrown;
  }

  private void assertSent() {
    server.takeRequest().assertSigned();
  }

  // ----------------------------------------------------------------------------- channel names

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a#b", "a:b", "a/b", "a*b", "a%b", "a?b", "a+b"})
  void rejectsAChannelNameOutsideTheCharset(String channel) {
    assertRejected(() -> pusher.trigger(channel, "e", "d"))
        .hasMessage("channels[0] " + CHARSET_RULE + "'" + channel.charAt(1) + "' at index 1");
  }

  @Test
  void namesANonAsciiCharacterInAChannelNameByItsCodePoint() {
    assertRejected(() -> pusher.trigger("café", "e", "d"))
        .hasMessage("channels[0] " + CHARSET_RULE + "U+00E9 at index 3");
  }

  @Test
  void namesAControlCharacterInAChannelNameByItsCodePoint() {
    assertRejected(() -> pusher.trigger("private-foobar\n", "e", "d"))
        .hasMessage("channels[0] " + CHARSET_RULE + "U+000A at index 14");
  }

  @Test
  void namesTheIndexOfTheBadChannelAmongSeveral() {
    assertRejected(() -> pusher.trigger(List.of("ok-1", "ok-2", "bad channel"), "e", "d"))
        .hasMessage("channels[2] " + CHARSET_RULE + "' ' at index 3");
  }

  @Test
  void rejectsTheServerToUserPrefixInATrigger() {
    assertRejected(() -> pusher.trigger("#server-to-user-1", "e", "d"))
        .hasMessage("channels[0] " + CHARSET_RULE + "'#' at index 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "..."})
  void rejectsAChannelNameMadeOnlyOfDotsInATriggerAndABatch(String channel) {
    assertRejected(() -> pusher.trigger(channel, "e", "d"))
        .hasMessage("channels[0]" + DOTS_RULE + "'" + channel + "'");
    assertRejected(() -> pusher.trigger(List.of("ok", channel), "e", "d"))
        .hasMessage("channels[1]" + DOTS_RULE + "'" + channel + "'");
    assertRejected(() -> pusher.triggerBatch(List.of(Event.of(channel, "e", "d"))))
        .hasMessage("channel" + DOTS_RULE + "'" + channel + "'");
  }

  @Test
  void rejectsAnEmptyChannelName() {
    assertRejected(() -> pusher.trigger("", "e", "d"))
        .hasMessage("channels[0] must be 1 to 200 characters long, but has 0");
  }

  @Test
  void rejectsAChannelNameOf201Characters() {
    assertRejected(() -> pusher.trigger("c".repeat(201), "e", "d"))
        .hasMessage("channels[0] must be 1 to 200 characters long, but has 201");
  }

  @Test
  void acceptsAChannelNameOf200CharactersOfTheWholeCharset() {
    String channel = "azAZ09_-=@,.;".repeat(16).substring(0, 200);

    pusher.trigger(channel, "e", "d");

    assertSent();
  }

  @Test
  void rejectsATriggerWithoutChannels() {
    assertRejected(() -> pusher.trigger(List.of(), "e", "d"))
        .hasMessage("channels must name at least 1 channel, but has 0");
  }

  @Test
  void rejectsATriggerToMoreThan100Channels() {
    List<String> channels = IntStream.range(0, 101).mapToObj(i -> "c" + i).toList();

    assertRejected(() -> pusher.trigger(channels, "e", "d"))
        .hasMessage("channels may name at most 100 channels per trigger, but has 101");
  }

  // ------------------------------------------------------------------------------- event names

  @Test
  void rejectsAnEmptyEventName() {
    assertRejected(() -> pusher.trigger("c", "", "d"))
        .hasMessage("event must be 1 to 200 characters long, but has 0");
  }

  @Test
  void rejectsAnEventNameOf201Characters() {
    assertRejected(() -> pusher.trigger("c", "e".repeat(201), "d"))
        .hasMessage("event must be 1 to 200 characters long, but has 201");
  }

  @Test
  void acceptsAnEventNameOf200Characters() {
    pusher.trigger("c", "e".repeat(200), "d");

    assertSent();
  }

  @Test
  void checksTheEventNameOfSendToUser() {
    assertRejected(() -> pusher.sendToUser("u1", "e".repeat(201), "d"))
        .hasMessage("event must be 1 to 200 characters long, but has 201");
  }

  @Test
  void checksTheEventNameOfABatchEvent() {
    assertRejected(() -> pusher.triggerBatch(List.of(Event.of("c", "", "d"))))
        .hasMessage("name must be 1 to 200 characters long, but has 0");
  }

  @Test
  void checksAsyncInputBeforeReturningAFuture() {
    assertRejected(() -> pusher.async().trigger("a b", "e", "d"))
        .hasMessage("channels[0] " + CHARSET_RULE + "' ' at index 1");
    assertRejected(() -> pusher.async().sendToUser("", "e", "d"))
        .hasMessage("userId must be 1 to 200 characters long, but has 0");
  }

  // -------------------------------------------------------------------------------- data sizes

  @Test
  void acceptsDataOfExactly10KibInThreeByteCharacters() {
    String data = "€".repeat(3413) + "a"; // 3413 * 3 + 1 = 10240 bytes
    assertThat(data.getBytes(StandardCharsets.UTF_8)).hasSize(10240);

    pusher.trigger("c", "e", data);

    assertSent();
  }

  @Test
  void rejectsDataOneUtf8ByteOver10Kib() {
    String data = "€".repeat(3413) + "ab"; // 10241 bytes in 3415 chars

    assertRejected(() -> pusher.trigger("c", "e", data))
        .hasMessage("data must be at most 10240 bytes as UTF-8, but has 10241");
  }

  @Test
  void countsBytesNotCharactersAgainstTheLimit() {
    String data = "€".repeat(3414); // 3414 chars, 10242 bytes

    assertRejected(() -> pusher.trigger("c", "e", data))
        .hasMessage("data must be at most 10240 bytes as UTF-8, but has 10242");
  }

  @Test
  void countsASurrogatePairAsFourBytes() {
    String atLimit = "😀".repeat(2560); // 10240 bytes in 5120 chars
    pusher.trigger("c", "e", atLimit);
    assertSent();

    assertThatThrownBy(() -> pusher.trigger("c", "e", atLimit + "a"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("data must be at most 10240 bytes as UTF-8, but has 10241");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void appliesAConfiguredDataLimit() {
    try (Pusher small = server.clientBuilder().maxEventDataBytes(10).build()) {
      small.trigger("c", "e", "ééééé"); // 10 bytes
      assertSent();

      assertThatThrownBy(() -> small.trigger("c", "e", "éééééa"))
          .isInstanceOf(ValidationException.class)
          .hasMessage("data must be at most 10 bytes as UTF-8, but has 11");
    }
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void checksTheSizeOfEncodedData() {
    try (Pusher small = server.clientBuilder().maxEventDataBytes(10).build()) {
      // {"k":"1234"} is 12 bytes
      assertRejected(() -> small.trigger("c", "e", Map.of("k", "1234")))
          .hasMessage("data must be at most 10 bytes as UTF-8, but has 12");
    }
  }

  @Test
  void checksTheSizeOfEachBatchEventsData() {
    try (Pusher small = server.clientBuilder().maxEventDataBytes(10).build()) {
      assertRejected(
              () ->
                  small.triggerBatch(
                      List.of(Event.of("c", "e", "ok"), Event.of("c", "e", "x".repeat(11)))))
          .hasMessage("events[1].data must be at most 10 bytes as UTF-8, but has 11");
    }
  }

  @Test
  void checksTheSizeOfSendToUserData() {
    assertRejected(() -> pusher.sendToUser("u1", "e", "x".repeat(10241)))
        .hasMessage("data must be at most 10240 bytes as UTF-8, but has 10241");
  }

  @Test
  void rejectsEmptyData() {
    assertRejected(() -> pusher.trigger("c", "e", ""))
        .hasMessageStartingWith("data must not be empty");
  }

  // ------------------------------------------------------------------------------------ batches

  @Test
  void rejectsAnEmptyBatch() {
    assertRejected(() -> pusher.triggerBatch(List.of()))
        .hasMessage("events must hold 1 to 10 events per batch, but has 0");
  }

  @Test
  void rejectsABatchOf11Events() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      events.add(Event.of("c", "e", "d"));
    }

    assertRejected(() -> pusher.triggerBatch(events))
        .hasMessage("events must hold 1 to 10 events per batch, but has 11");
  }

  @Test
  void rejectsABatchEventOnAnInvalidChannel() {
    assertRejected(() -> pusher.triggerBatch(List.of(Event.of("a:b", "e", "d"))))
        .hasMessage("channel " + CHARSET_RULE + "':' at index 1");
  }

  @Test
  void rejectsCacheInfoOnABatchEventLikeOnATrigger() {
    assertRejected(() -> pusher.triggerBatch(List.of(Event.of("c", "e", "d").withInfo(CACHE))))
        .hasMessageContaining("user_count and subscription_count only, but asks for cache");
    assertRejected(() -> TriggerOptions.none().withInfo(CACHE))
        .hasMessageContaining("user_count and subscription_count only, but asks for cache");
  }

  // -------------------------------------------------------------------------------- socket ids

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.1:",
        ":1.1",
        "1.1\n",
        ":\n1.1",
        "1.1\n:",
        "12341234",
        "a.1",
        "",
        "1.",
        ".1",
        "1..1",
        "1.1.1",
        " 1.1",
        "1.1 ",
        "-1.1",
        "1,1",
        "\u0661.\u0661",
        "1.1\u0000"
      })
  void rejectsAMalformedSocketIdOfATrigger(String socketId) {
    assertRejected(() -> pusher.trigger(List.of("c"), "e", "d", TriggerOptions.excluding(socketId)))
        .hasMessageStartingWith(
            "excludeSocketId must be digits, a dot and digits (like 1234.5678), but is '")
        .hasMessageEndingWith("' (" + socketId.length() + " characters)")
        .message()
        .doesNotContain("\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.1:", ":\n1.1", "12341234", ""})
  void rejectsAMalformedSocketIdOfABatchEvent(String socketId) {
    assertRejected(() -> pusher.triggerBatch(List.of(Event.of("c", "e", "d").excluding(socketId))))
        .hasMessageStartingWith("excludeSocketId must be digits, a dot and digits");
  }

  @Test
  void acceptsAWellFormedSocketId() {
    pusher.trigger(List.of("c"), "e", "d", TriggerOptions.excluding("1234567890.9876543210"));

    assertThat(server.takeRequest().bodyText()).contains("\"socket_id\":\"1234567890.9876543210\"");
  }

  // ------------------------------------------------------------------------------------ user ids

  @Test
  void rejectsAnEmptyUserId() {
    assertRejected(() -> pusher.sendToUser("", "e", "d"))
        .hasMessage("userId must be 1 to 200 characters long, but has 0");
    assertRejected(() -> pusher.terminateUserConnections(""))
        .hasMessage("userId must be 1 to 200 characters long, but has 0");
  }

  @Test
  void rejectsAUserIdOf201Characters() {
    assertRejected(() -> pusher.sendToUser("u".repeat(201), "e", "d"))
        .hasMessage("userId must be 1 to 200 characters long, but has 201");
    assertRejected(() -> pusher.terminateUserConnections("u".repeat(201)))
        .hasMessage("userId must be 1 to 200 characters long, but has 201");
  }

  @ParameterizedTest
  @ValueSource(strings = {"e:2", "a b", "../x", "a/b", "#1", "a?b"})
  void rejectsAUserIdOutsideTheChannelCharset(String userId) {
    int bad = 0;
    while ("abcdefghijklmnopqrstuvwxyz0123456789_-=@,.;".indexOf(userId.charAt(bad)) >= 0) {
      bad++;
    }
    String expected = "userId " + CHARSET_RULE + "'" + userId.charAt(bad) + "' at index " + bad;

    assertRejected(() -> pusher.sendToUser(userId, "e", "d")).hasMessage(expected);
    assertRejected(() -> pusher.terminateUserConnections(userId)).hasMessage(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "..."})
  void rejectsAUserIdMadeOnlyOfDotsThatWouldBeADotSegmentOfThePath(String userId) {
    String expected = "userId" + DOTS_RULE + "'" + userId + "'";

    assertRejected(() -> pusher.terminateUserConnections(userId)).hasMessage(expected);
    assertRejected(() -> pusher.async().terminateUserConnections(userId)).hasMessage(expected);
    assertRejected(() -> pusher.sendToUser(userId, "e", "d")).hasMessage(expected);
  }

  @Test
  void namesTheNumberOfDotsOfALongUserIdMadeOnlyOfDots() {
    assertRejected(() -> pusher.terminateUserConnections(".".repeat(200)))
        .hasMessage("userId" + DOTS_RULE + "200 dots");
  }

  @Test
  void terminatesAUserWhoseIdHasDotsAmongOtherCharacters() {
    pusher.terminateUserConnections("..u..");

    RecordingServer.RecordedRequest request = server.takeRequest();
    assertThat(request.path())
        .isEqualTo("/apps/" + RecordingServer.APP_ID + "/users/..u../terminate_connections");
    request.assertSigned();
  }

  @Test
  void acceptsAUserIdOf200Characters() {
    pusher.terminateUserConnections("u".repeat(200));

    assertSent();
  }

  // -------------------------------------------------------------------------- encrypted channels

  /** Stands in for channels4j-crypto: wraps the plaintext so a test can see what was encrypted. */
  private static final class FakeEncryption implements ChannelEncryption {
    @Override
    public byte[] sharedSecret(String channel) {
      return new byte[32];
    }

    @Override
    public String encrypt(String channel, byte[] plaintext) {
      return "{\"nonce\":\"n\",\"ciphertext\":\""
          + new String(plaintext, StandardCharsets.UTF_8)
          + "\"}";
    }

    @Override
    public byte[] decrypt(String channel, String envelope) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void refusesATriggerToSeveralChannelsIncludingAnEncryptedOne() {
    try (Pusher encrypting = server.clientBuilder().encryption(new FakeEncryption()).build()) {
      assertRejected(
              () -> encrypting.trigger(List.of("private-a", "private-encrypted-b"), "e", "d"))
          .hasMessage(
              "channels: an event for a private-encrypted- channel must be sent to that channel"
                  + " alone, but 2 channels were given");
    }
  }

  @Test
  void refusesSeveralChannelsIncludingAnEncryptedOneEvenWithoutEncryption() {
    assertRejected(() -> pusher.trigger(List.of("private-encrypted-b", "c"), "e", "d"))
        .hasMessageContaining("must be sent to that channel alone, but 2 channels were given");
  }

  @Test
  void explainsThatAnEncryptedChannelNeedsEncryptionConfigured() {
    assertRejected(() -> pusher.trigger("private-encrypted-b", "e", "d"))
        .hasMessageContaining("channel private-encrypted-b is end-to-end encrypted")
        .hasMessageContaining("no encryption is configured")
        .hasMessageContaining("channels4j-crypto");
  }

  @Test
  void explainsThatAnEncryptedBatchEventNeedsEncryptionConfigured() {
    assertRejected(
            () ->
                pusher.triggerBatch(
                    List.of(Event.of("c", "e", "d"), Event.of("private-encrypted-b", "e", "d"))))
        .hasMessageContaining("channel private-encrypted-b is end-to-end encrypted");
  }

  @Test
  void sendsTheEnvelopeAsDataOfAnEncryptedChannel() {
    try (Pusher encrypting = server.clientBuilder().encryption(new FakeEncryption()).build()) {
      encrypting.trigger("private-encrypted-b", "e", "secret-text");
    }

    assertThat(server.takeRequest().bodyText())
        .isEqualTo(
            "{\"name\":\"e\",\"data\":\"{\\\"nonce\\\":\\\"n\\\",\\\"ciphertext\\\":\\\"secret-text\\\"}\","
                + "\"channels\":[\"private-encrypted-b\"]}");
  }
}
