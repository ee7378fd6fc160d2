package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserData;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that must never be signed (protocol.md 10.2's rejected cases, and ours). */
class AuthorizerValidationTest {
  private static final String SECRET = "7ad3773142a6692b25b8";
  // With a databind encoder, as an application with channels4j-jackson2 has: user info that is not
  // a map, list or scalar (a JsonNode, a record) goes to it.
  private static final Pusher PUSHER =
      TestClients.builder("278d425bdf160c739803", SECRET).payloadEncoder(TestJson.ENCODER).build();
  private static final PresenceMember MEMBER = PresenceMember.of("10");

  @AfterAll
  static void close() {
    PUSHER.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.1:", "1.1\n", ":1.1", ":\n1.1", "1.1\n:", "12341234", "", "1.", ".1"})
  void rejectsSocketIdThatIsNotDigitsDotDigits(String socketId) {
    assertThatThrownBy(() -> PUSHER.authorizeChannel(socketId, "private-foobar"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("socketId must be digits, a dot and digits");
    assertThatThrownBy(() -> PUSHER.authorizeChannel(socketId, "presence-foobar", MEMBER))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("socketId must be digits");
    assertThatThrownBy(() -> PUSHER.authenticateUser(socketId, UserData.of("1")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("socketId must be digits");
  }

  @Test
  void rejectsNullSocketId() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel(null, "private-foobar"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("socketId must not be null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "private-foobar:",
        ":private-foobar",
        ":\nprivate-foobar",
        "private-foobar\n:",
        "private-foobar\n"
      })
  void rejectsChannelWithColonOrLineFeed(String channel) {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1234.1234", channel))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("channel may contain only letters, digits and _-=@,.;");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"presence-foobar:", ":presence-foobar", "presence-foobar\n", "presence-a:{}"})
  void rejectsPresenceChannelWithColonOrLineFeed(String channel) {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1234.1234", channel, MEMBER))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("channel may contain only");
  }

  @Test
  void rejectsAChannelOrUserIdMadeOnlyOfDotsLikeTheHttpApiDoes() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1.1", ".."))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("channel must not be made only of dots");
    assertThatThrownBy(() -> PUSHER.authenticateUser("1.1", UserData.of("..")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("id must not be made only of dots");
  }

  @Test
  void rejectsEmptyAndOverlongChannel() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1.1", ""))
        .isInstanceOf(ValidationException.class)
        .hasMessage("channel must be 1 to 200 characters long, but has 0");
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1.1", "private-" + "a".repeat(193)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("channel must be 1 to 200 characters long, but has 201");
  }

  @Test
  void privateMethodRefusesPresenceChannel() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1234.1234", "presence-foobar"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("presence-foobar is a presence channel")
        .hasMessageContaining("PresenceMember");
  }

  @ParameterizedTest
  @ValueSource(strings = {"foobar", "private", "Private-foobar", "public-foobar"})
  void privateMethodRefusesChannelWithoutPrivatePrefix(String channel) {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1234.1234", channel))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "channel must start with private- or private-encrypted- (public channels need no"
                + " authorization), but is "
                + channel);
  }

  @Test
  void presenceMethodRefusesPrivateChannel() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1234.1234", "private-foobar", MEMBER))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("private-foobar is not a presence channel");
    assertThatThrownBy(
            () -> PUSHER.authorizeChannel("1234.1234", "private-encrypted-foobar", MEMBER))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is not a presence channel");
  }

  @Test
  void presenceMethodRefusesChannelWithoutPresencePrefix() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1234.1234", "foobar", MEMBER))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "channel must start with presence- to be authorized with a PresenceMember, but is"
                + " foobar");
  }

  @Test
  void presenceMethodRefusesNullMember() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1.1", "presence-foobar", null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("member must not be null");
  }

  @Test
  void userAuthenticationRefusesNullUser() {
    assertThatThrownBy(() -> PUSHER.authenticateUser("1.1", null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("user must not be null");
  }

  @Test
  void encryptedChannelNeedsEncryptionConfigured() {
    assertThatThrownBy(() -> PUSHER.authorizeChannel("1.1", "private-encrypted-foobar"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no encryption is configured")
        .hasMessageContaining("channels4j-crypto");
  }

  @Test
  void refusesUserInfoThatIsNotJsonEncodable() {
    PresenceMember member = PresenceMember.of("10", new Object());

    assertThatThrownBy(() -> PUSHER.authorizeChannel("1.1", "presence-foobar", member))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("userInfo of type java.lang.Object could not be written as JSON");
    assertThatThrownBy(
            () -> PUSHER.authenticateUser("1.1", UserData.of("10").withUserInfo(new Object())))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("userInfo of type java.lang.Object");
  }

  @Test
  void refusesRecordUserInfoWithoutAnEncoderNamingTheFix() {
    try (Pusher plain = TestClients.pusher("278d425bdf160c739803", SECRET)) {
      assertThatThrownBy(
              () ->
                  plain.authorizeChannel(
                      "1.1", "presence-foobar", PresenceMember.of("1", new Object())))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("userInfo of type java.lang.Object could not be written as JSON")
          .hasMessageContaining("channels4j-jackson3");
      // Plain user info needs no encoder.
      assertThat(
              plain
                  .authorizeChannel(
                      "1.1", "presence-foobar", PresenceMember.of("1", Map.of("score", 1.5)))
                  .channelData())
          .contains("{\"user_id\":\"1\",\"user_info\":{\"score\":1.5}}");
    }
  }

  @Test
  void rewritesWhatTheEncoderWroteInTheSignedForm() {
    // An encoder's upper-case hex escapes and spaces come out as JSON.stringify writes them.
    try (Pusher spaced =
        TestClients.builder("278d425bdf160c739803", SECRET)
            .payloadEncoder(data -> "{ \"name\" : \"\\u001A\" , \"n\" : [ 1 ] }")
            .build()) {
      assertThat(
              spaced
                  .authorizeChannel("1.1", "presence-foobar", PresenceMember.of("1", new Object()))
                  .channelData())
          .contains("{\"user_id\":\"1\",\"user_info\":{\"name\":\"\\u001a\",\"n\":[1]}}");
    }
  }

  @Test
  void escapesUnpairedSurrogatesInUserInfoSoTheyCanBeSigned() {
    PresenceMember map = PresenceMember.of("10", Map.of("name", "a\ud800b"));
    // A JsonNode goes through Jackson rather than the hand-written path for maps.
    PresenceMember node =
        PresenceMember.of(
            "10", TestJson.MAPPER.createObjectNode().put("name", "a\ud800b").put("score", 1.5));

    assertThat(PUSHER.authorizeChannel("1.1", "presence-foobar", map).channelData())
        .contains("{\"user_id\":\"10\",\"user_info\":{\"name\":\"a\\ud800b\"}}");
    assertThat(PUSHER.authorizeChannel("1.1", "presence-foobar", node).channelData())
        .contains("{\"user_id\":\"10\",\"user_info\":{\"name\":\"a\\ud800b\",\"score\":1.5}}");
  }

  @Test
  void refusesSelfReferentialUserInfo() {
    Map<String, Object> loop = new HashMap<>();
    loop.put("self", loop);

    assertThatThrownBy(
            () -> PUSHER.authorizeChannel("1.1", "presence-foobar", PresenceMember.of("1", loop)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("userInfo of type java.util.HashMap could not be written as JSON");
  }

  @Test
  void writesMapsWithOtherKeysAsJacksonDoes() {
    Map<Object, Object> info = new LinkedHashMap<>();
    info.put(1, List.of(true, 2L));

    assertThat(
            PUSHER
                .authorizeChannel("1.1", "presence-x", PresenceMember.of("7", info))
                .channelData())
        .contains("{\"user_id\":\"7\",\"user_info\":{\"1\":[true,2]}}");
  }

  @Test
  void writesStringUserInfoAsJsonString() {
    assertThat(
            PUSHER
                .authorizeChannel("1.1", "presence-x", PresenceMember.of("7", "say \"hi\"\n"))
                .channelData())
        .contains("{\"user_id\":\"7\",\"user_info\":\"say \\\"hi\\\"\\n\"}");
  }

  @Test
  void escapesUserIdInChannelData() {
    assertThat(
            PUSHER
                .authorizeChannel("1.1", "presence-x", PresenceMember.of("a\"}:b\n"))
                .channelData())
        .contains("{\"user_id\":\"a\\\"}:b\\n\"}");
  }

  @Test
  void messagesNeverContainTheSecret() {
    String[][] calls = {{"1.1:", "private-a"}, {"1.1", "a"}, {"1.1", "presence-a"}, {"1", "b"}};
    for (String[] call : calls) {
      assertThatThrownBy(() -> PUSHER.authorizeChannel(call[0], call[1]))
          .isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
  }

  // ------------------------------------------------------------------------------- form bodies

  @Test
  void formBodyWithoutChannelNameIsRefused() {
    assertThatThrownBy(() -> PUSHER.authorizeChannelFromForm("socket_id=1.1"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("form body must have the field channel_name, but has not");
  }

  @Test
  void formBodyWithoutSocketIdIsRefused() {
    assertThatThrownBy(() -> PUSHER.authorizeChannelFromForm("channel_name=private-a"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("form body must have the field socket_id, but has not");
    assertThatThrownBy(() -> PUSHER.authenticateUserFromForm("", UserData.of("1")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("form body must have the field socket_id");
  }

  @Test
  void formBodyWithRepeatedFieldIsRefused() {
    assertThatThrownBy(
            () ->
                PUSHER.authorizeChannelFromForm(
                    "socket_id=1.1&channel_name=private-a&channel_name=private-b"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("form body must have the field channel_name once, but has it twice");
  }

  @Test
  void formBodyValuesAreValidatedUnderTheirFormNames() {
    assertThatThrownBy(
            () -> PUSHER.authorizeChannelFromForm("socket_id=1.1%3A&channel_name=private-a"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("socket_id must be digits, a dot and digits");
    assertThatThrownBy(
            () -> PUSHER.authorizeChannelFromForm("socket_id=1.1&channel_name=private-a%0A"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("channel_name may contain only letters");
  }

  @Test
  void formBodyRoutesPresenceAndPrivateChannelsToTheirOwnMethods() {
    assertThatThrownBy(
            () -> PUSHER.authorizeChannelFromForm("socket_id=1.1&channel_name=presence-a"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is a presence channel");
    assertThatThrownBy(
            () -> PUSHER.authorizeChannelFromForm("socket_id=1.1&channel_name=private-a", MEMBER))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is not a presence channel");
  }

  @Test
  void formBodyGivesTheSameAnswerAsTheArguments() {
    assertThat(
            PUSHER
                .authorizeChannelFromForm(
                    "socket_id=1234.1234&channel_name=private-azAZ9_%3D%40%2C.%3B&extra=1")
                .toJson())
        .isEqualTo(PUSHER.authorizeChannel("1234.1234", "private-azAZ9_=@,.;").toJson());
    assertThat(
            PUSHER
                .authorizeChannelFromForm("channel_name=presence-a&socket_id=1.1", MEMBER)
                .toJson())
        .isEqualTo(PUSHER.authorizeChannel("1.1", "presence-a", MEMBER).toJson());
  }

  @Test
  void nullFormBodyIsRefused() {
    assertThatThrownBy(() -> PUSHER.authorizeChannelFromForm(null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("formBody must not be null");
  }

  @Test
  void signsWithANonAsciiKeyToo() {
    try (Pusher pusher = TestClients.pusher("kłucz", "tofu")) {
      // The key is only the prefix of auth; the signature is unchanged.
      assertThat(pusher.authorizeChannel("123.456", "private-a").auth())
          .isEqualTo(
              "kłucz:" + TestHmac.hex("tofu", "123.456:private-a".getBytes(StandardCharsets.UTF_8)))
          .startsWith("kłucz:");
    }
  }

  @Test
  void authorizesLargePresenceDataBeyondTheScratchBuffer() throws Exception {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("bio", "ł\"".repeat(10_000));

    var auth = PUSHER.authorizeChannel("1.1", "presence-x", PresenceMember.of("7", info));

    String channelData = auth.channelData().orElseThrow();
    assertThat(TestJson.MAPPER.readTree(auth.toJson()).get("channel_data").textValue())
        .isEqualTo(channelData);
    assertThat(auth.auth())
        .isEqualTo(
            "278d425bdf160c739803:"
                + TestHmac.hex(
                    SECRET, ("1.1:presence-x:" + channelData).getBytes(StandardCharsets.UTF_8)));
  }
}
