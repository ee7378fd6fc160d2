package io.channels4j;

import static io.channels4j.ChannelAttribute.SUBSCRIPTION_COUNT;
import static io.channels4j.ChannelAttribute.USER_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input checks of the read calls and of notify: refused with a message naming the field and the
 * rule, before anything reaches the server.
 */
class QueryValidationTest {
  private final RecordingServer server = RecordingServer.start();
  private final RecordingServer push = RecordingServer.start();
  private final Pusher pusher =
      server.clientBuilder().pushNotificationHost(push.hostPort()).build();

  @AfterEach
  void stop() {
    pusher.close();
    server.close();
    push.close();
  }

  private static final String DOTS_RULE =
      " must not be made only of dots (it would be a dot-segment of the request path, which servers"
          + " and proxies remove), but is ";

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(ThrowingCallable call) {
    AbstractThrowableAssert<?, ? extends Throwable> thrown =
        assertThatThrownBy(call).isInstanceOf(ValidationException.class);
    assertThat(server.requestCount() + push.requestCount())
        .as("requests that reached a server")
        .isZero();
    return thrown;
  }

  // ------------------------------------------------------------------------ reserved query keys

  @ParameterizedTest
  @ValueSource(
      strings = {
        "auth_key",
        "auth_timestamp",
        "auth_version",
        "auth_signature",
        "body_md5",
        "AUTH_KEY",
        "Auth_Signature",
        "BODY_MD5"
      })
  void rejectsAReservedQueryKeyInAnyCase(String key) {
    assertRejected(() -> new ChannelsQuery(Optional.empty(), false, Map.of(key, "x")))
        .hasMessage(
            "query parameter " + key + " is set by the request signature and cannot be overridden");
  }

  @Test
  void rejectsAnUpperCaseQueryKeyThatServersWouldSignDifferently() {
    // Pusher lower-cases keys before checking the signature, soketi does not: only a lower-case
    // key is signed the same way by both.
    assertRejected(() -> new ChannelsQuery(Optional.empty(), false, Map.of("Name", "x")))
        .hasMessage(
            "query parameter Name must be lower case (Pusher signs names lower-cased, soketi as"
                + " sent)");
  }

  @Test
  void rejectsAnEmptyQueryKey() {
    assertRejected(() -> new ChannelsQuery(Optional.empty(), false, Map.of("", "x")))
        .hasMessage("query parameter names must not be empty");
  }

  // ------------------------------------------------------------------------------------ channels

  @Test
  void rejectsUserCountWithoutAPresencePrefix() {
    assertRejected(() -> ChannelsQuery.withPrefix("private-").andUserCount())
        .hasMessage(
            "withUserCount needs a prefix starting with presence-, but the prefix is 'private-'");
    assertRejected(() -> new ChannelsQuery(Optional.empty(), true, Map.of()))
        .hasMessage(
            "withUserCount needs a prefix starting with presence-, but the prefix is absent");
  }

  @Test
  void rejectsAPrefixOutsideTheChannelCharset() {
    assertRejected(() -> pusher.channels(ChannelsQuery.withPrefix("presence room")))
        .hasMessage("prefix may contain only letters, digits and _-=@,.; but has ' ' at index 8");
  }

  @Test
  void rejectsAnInvalidChannelName() {
    assertRejected(() -> pusher.channel("a b"))
        .hasMessage("channel may contain only letters, digits and _-=@,.; but has ' ' at index 1");
    assertRejected(() -> pusher.channel("c".repeat(201), SUBSCRIPTION_COUNT))
        .hasMessage("channel must be 1 to 200 characters long, but has 201");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "..."})
  void rejectsAChannelNameMadeOnlyOfDotsThatWouldBeADotSegmentOfThePath(String channel) {
    assertRejected(() -> pusher.channel(channel))
        .hasMessage("channel" + DOTS_RULE + "'" + channel + "'");
    assertRejected(() -> pusher.channel(channel, SUBSCRIPTION_COUNT))
        .hasMessage("channel" + DOTS_RULE + "'" + channel + "'");
    assertRejected(() -> pusher.async().channel(channel))
        .hasMessage("channel" + DOTS_RULE + "'" + channel + "'");
  }

  @Test
  void rejectsAPresenceChannelArgumentMadeOnlyOfDots() {
    assertRejected(() -> pusher.users("..")).hasMessage("presenceChannel" + DOTS_RULE + "'..'");
  }

  @Test
  void sendsAChannelNameWithDotsAmongOtherCharactersAsIs() {
    server.enqueue("{\"occupied\":false}");

    pusher.channel("..a..");

    RecordingServer.RecordedRequest request = server.takeRequest();
    assertThat(request.path()).isEqualTo("/apps/" + RecordingServer.APP_ID + "/channels/..a..");
    request.assertSigned();
  }

  @Test
  void acceptsAPrefixOfDotsWhichIsSentInTheQueryNotThePath() {
    server.enqueue("{\"channels\":{}}");

    pusher.channels(ChannelsQuery.withPrefix(".."));

    assertThat(server.takeRequest().query()).containsEntry("filter_by_prefix", "..");
  }

  @Test
  void rejectsUserCountOfANonPresenceChannel() {
    assertRejected(() -> pusher.channel("private-room", USER_COUNT))
        .hasMessage(
            "info user_count is only available on presence- channels, but the channel is"
                + " private-room");
  }

  @Test
  void rejectsUsersOfANonPresenceChannel() {
    assertRejected(() -> pusher.users("private-room"))
        .hasMessage("presenceChannel must start with presence-, but is private-room");
  }

  @Test
  void rejectsUsersOfAnInvalidChannelName() {
    assertRejected(() -> pusher.users("presence-a/b"))
        .hasMessage(
            "presenceChannel may contain only letters, digits and _-=@,.; but has '/' at index 10");
  }

  // -------------------------------------------------------------------------------------- notify

  @Test
  void rejectsNotifyWithoutAPushHost() {
    try (Pusher noHost = server.client()) {
      assertRejected(() -> noHost.notify(List.of("i"), PushNotification.fcm("{}")))
          .hasMessage(
              "pushNotificationHost is not configured; set it on the builder to use notify");
    }
  }

  @Test
  void rejectsNotifyWithoutInterests() {
    assertRejected(() -> pusher.notify(List.of(), PushNotification.fcm("{}")))
        .hasMessage("interests must hold 1 to 10 interests, but has 0");
  }

  @Test
  void rejectsNotifyWith11Interests() {
    List<String> interests = IntStream.range(0, 11).mapToObj(i -> "i" + i).toList();

    assertRejected(() -> pusher.notify(interests, PushNotification.fcm("{}")))
        .hasMessage("interests must hold 1 to 10 interests, but has 11");
  }

  @Test
  void rejectsAnEmptyInterest() {
    assertRejected(() -> pusher.notify(List.of("a", ""), PushNotification.fcm("{}")))
        .hasMessage("interests[1] must not be empty");
  }

  @Test
  void rejectsANotificationWithoutPayload() {
    assertRejected(
            () ->
                new PushNotification(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("u")))
        .hasMessage("a push notification needs an apns, gcm or fcm payload, but has none");
  }

  @Test
  void rejectsAPayloadStringThatIsNotJson() {
    assertRejected(() -> pusher.notify(List.of("i"), PushNotification.apns("not json")))
        .hasMessage("apns payload must be JSON text, but is not");
  }
}
