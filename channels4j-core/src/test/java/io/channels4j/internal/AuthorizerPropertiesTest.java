package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserAuthentication;
import io.channels4j.auth.UserData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/** Any valid input authorizes, and the answer verifies with an independent HMAC. */
class AuthorizerPropertiesTest {
  private static final String KEY = "app-key";
  private static final String SECRET = "app-secret-ł";
  private static final String CHARSET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-=@,.;";
  private static final Pusher PUSHER = TestClients.pusher(KEY, SECRET);

  @AfterContainer
  static void close() {
    PUSHER.close();
  }

  private static String expectedAuth(String stringToSign) {
    return KEY + ":" + TestHmac.hex(SECRET, stringToSign.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> socketIds() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
    return Combinators.combine(digits, digits).as((a, b) -> a + "." + b);
  }

  private static Arbitrary<String> channelNames(String prefix) {
    return Arbitraries.strings()
        .withChars(CHARSET)
        .ofMinLength(prefix.isEmpty() ? 1 : 0)
        .ofMaxLength(200 - prefix.length())
        .map(s -> prefix + s)
        .filter(s -> !s.matches("\\.+")); // names of only dots are refused
  }

  @Provide
  Arbitrary<String> privateChannels() {
    return channelNames("private-");
  }

  @Provide
  Arbitrary<String> presenceChannels() {
    return channelNames("presence-");
  }

  /** Any text but unpaired surrogates (PresenceMember refuses those); emoji are pairs. */
  private static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\uffff')
        .ofMinLength(min)
        .ofMaxLength(max)
        .map(s -> s.length() % 3 == 1 ? s.substring(1) + "\ud83d\ude00" : s)
        .filter(s -> s.length() >= min && s.length() <= max);
  }

  @Provide
  Arbitrary<String> userIds() {
    return text(1, 128);
  }

  @Provide
  Arbitrary<Map<String, String>> infos() {
    return Arbitraries.maps(text(0, 20), text(0, 20)).ofMaxSize(4);
  }

  @Property(tries = 300)
  void privateChannelsAuthorizeAndVerify(
      @ForAll("socketIds") String socketId, @ForAll("privateChannels") String channel)
      throws Exception {
    ChannelAuthorization auth = PUSHER.authorizeChannel(socketId, channel);

    assertThat(auth.auth()).isEqualTo(expectedAuth(socketId + ":" + channel));
    JsonNode json = TestJson.MAPPER.readTree(auth.toJson());
    assertThat(json.get("auth").textValue()).isEqualTo(auth.auth());
    assertThat(json.size()).isEqualTo(1);
  }

  // Five generators have too many edge-case combinations to enumerate; random tries cover them.
  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void presenceChannelsAuthorizeAndVerify(
      @ForAll("socketIds") String socketId,
      @ForAll("presenceChannels") String channel,
      @ForAll("userIds") String userId,
      @ForAll("infos") Map<String, String> info,
      @ForAll boolean withInfo)
      throws Exception {
    PresenceMember member = withInfo ? PresenceMember.of(userId, info) : PresenceMember.of(userId);

    ChannelAuthorization auth = PUSHER.authorizeChannel(socketId, channel, member);

    String channelData = auth.channelData().orElseThrow();
    assertThat(auth.auth()).isEqualTo(expectedAuth(socketId + ":" + channel + ":" + channelData));
    JsonNode data = TestJson.MAPPER.readTree(channelData);
    assertThat(data.get("user_id").textValue()).isEqualTo(userId);
    assertThat(data.has("user_info")).isEqualTo(withInfo);
    if (withInfo) {
      assertThat(data.get("user_info")).isEqualTo(TestJson.MAPPER.valueToTree(info));
    }
    JsonNode response = TestJson.MAPPER.readTree(auth.toJson());
    assertThat(response.get("channel_data").textValue()).isEqualTo(channelData);
    assertThat(auth.toJson().chars().allMatch(c -> c < 0x80)).isTrue();
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void usersAuthenticateAndVerify(
      @ForAll("socketIds") String socketId,
      @ForAll("userIdsInCharset") String id,
      @ForAll("infos") Map<String, String> info,
      @ForAll("watchlists") List<String> watchlist)
      throws Exception {
    UserAuthentication auth =
        PUSHER.authenticateUser(
            socketId, UserData.of(id).withUserInfo(info).withWatchlist(watchlist));

    assertThat(auth.auth()).isEqualTo(expectedAuth(socketId + "::user::" + auth.userData()));
    JsonNode data = TestJson.MAPPER.readTree(auth.userData());
    assertThat(data.get("id").textValue()).isEqualTo(id);
    assertThat(data.has("watchlist")).isEqualTo(!watchlist.isEmpty());
    assertThat(TestJson.MAPPER.readTree(auth.toJson()).get("user_data").textValue())
        .isEqualTo(auth.userData());
  }

  @Provide
  Arbitrary<String> userIdsInCharset() {
    return Arbitraries.strings()
        .withChars(CHARSET)
        .ofMinLength(1)
        .ofMaxLength(200)
        .filter(s -> !s.matches("\\.+")); // ids of only dots are refused
  }

  @Provide
  Arbitrary<List<String>> watchlists() {
    return userIdsInCharset().list().ofMaxSize(5);
  }

  @Property(tries = 200)
  void formBodiesAnswerLikeArguments(
      @ForAll("socketIds") String socketId, @ForAll("privateChannels") String channel) {
    String form =
        "channel_name="
            + URLEncoder.encode(channel, StandardCharsets.UTF_8)
            + "&socket_id="
            + URLEncoder.encode(socketId, StandardCharsets.UTF_8);

    assertThat(PUSHER.authorizeChannelFromForm(form))
        .isEqualTo(PUSHER.authorizeChannel(socketId, channel));
  }

  @Property(tries = 300)
  void socketIdsThatAreNotDigitsDotDigitsAreRefused(@ForAll String socketId) {
    boolean valid =
        socketId.matches("\\A\\d+\\.\\d+\\z") && socketId.chars().allMatch(c -> c < 0x80);
    if (valid) {
      return; // a rare valid id; the other properties cover those
    }
    assertThatThrownBy(() -> PUSHER.authorizeChannel(socketId, "private-a"))
        .isInstanceOf(ValidationException.class);
  }

  @Property(tries = 300)
  void channelsWithAnyCharacterOutsideTheCharsetAreRefused(
      @ForAll("privateChannels") String channel,
      @ForAll char bad,
      @ForAll @IntRange(min = 0, max = 200) int where) {
    if (CHARSET.indexOf(bad) >= 0) {
      return;
    }
    int at = Math.min(where, channel.length());
    String tainted = channel.substring(0, at) + bad + channel.substring(at);

    assertThatThrownBy(() -> PUSHER.authorizeChannel("1.1", tainted))
        .isInstanceOf(ValidationException.class);
  }

  /** Nested maps, lists and scalars, the shapes user info is written for without Jackson. */
  @Provide
  Arbitrary<Object> userInfos() {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.just(null));
    return Arbitraries.recursive(
        () -> scalars,
        inner ->
            Arbitraries.oneOf(
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), inner)
                    .ofMaxSize(3)
                    .map(m -> (Object) new LinkedHashMap<>(m)),
                inner.list().ofMaxSize(3).map(l -> (Object) l)),
        0,
        4);
  }

  @Property(tries = 300)
  void userInfoIsWrittenExactlyAsJacksonWithLowerCaseHexWritesIt(@ForAll("userInfos") Object info)
      throws Exception {
    String channelData =
        Authorizer.channelData(
            new PresenceMember("1", java.util.Optional.ofNullable(info)), TestJson.ENCODER);
    String expected =
        info == null
            ? "{\"user_id\":\"1\"}"
            : "{\"user_id\":\"1\",\"user_info\":"
                + JsonText.escapeUnpairedSurrogates(
                    TestJson.MAPPER
                        .writer()
                        .without(
                            com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                        .writeValueAsString(info))
                + "}";

    assertThat(channelData).isEqualTo(expected);
  }
}
