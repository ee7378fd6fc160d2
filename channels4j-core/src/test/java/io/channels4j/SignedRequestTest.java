package io.channels4j;

import static io.channels4j.ChannelAttribute.SUBSCRIPTION_COUNT;
import static io.channels4j.ChannelAttribute.USER_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.RecordingServer.RecordedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed requests as they reach a server: the published vectors through the client, the exact
 * trigger bodies of the Node library's tests, the headers, and the encoding of the query.
 */
class SignedRequestTest {
  // V-02 .. V-06 (pusher-http-go request_url_test.go).
  private static final String GO_APP = "102015";
  private static final String GO_KEY = "d41a439c438a100756f5";
  private static final String GO_SECRET = "4bf35003e819bb138249";
  private static final String V05_CHANNEL =
      "presence-session-d41a439c438a100756f5-4bf35003e819bb138249-ROpCFmgFhXY";
  private static final String V06_CHANNEL =
      "presence-session-d41a439c438a100756f5-4bf35003e819bb138249-nYJLy67qh52";

  private final RecordingServer server = RecordingServer.start();
  private Pusher pusher;

  @AfterEach
  void stop() {
    if (pusher != null) {
      pusher.close();
    }
    server.close();
  }

  private Pusher goClientAt(long timestampSeconds) {
    pusher =
        server
            .clientBuilder()
            .appId(GO_APP)
            .key(GO_KEY)
            .secret(GO_SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(timestampSeconds), ZoneOffset.UTC))
            .build();
    return pusher;
  }

  private RecordedRequest takeGoRequest() {
    RecordedRequest request = server.takeRequest();
    request.assertSignedBy(GO_KEY, GO_SECRET);
    return request;
  }

  @Test
  void listsChannelsWithPrefixAndUserCountSignedAsVectorV02() {
    server.enqueue("{\"channels\":{}}");
    goClientAt(1427034994L).channels(ChannelsQuery.withPrefix("presence-").andUserCount());

    RecordedRequest request = takeGoRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/apps/102015/channels");
    assertThat(request.rawQuery())
        .isEqualTo(
            "auth_key=d41a439c438a100756f5&auth_timestamp=1427034994&auth_version=1.0"
                + "&filter_by_prefix=presence-&info=user_count"
                + "&auth_signature=4d8a02edcc8a758b0162cd6da690a9a45fb8ae326a276dca1e06a0bc42796c11");
  }

  @Test
  void listsChannelsWithPrefixSignedAsVectorV03() {
    goClientAt(1427036577L).channels(ChannelsQuery.withPrefix("presence-"));

    assertThat(takeGoRequest().query())
        .containsEntry("filter_by_prefix", "presence-")
        .containsEntry(
            "auth_signature", "b540383af4582af5fbb5df7be5472d54bd0838c9c2021c7743062568839e6f97");
  }

  @Test
  void listsAllChannelsSignedAsVectorV04() {
    goClientAt(1427036787L).channels();

    RecordedRequest request = takeGoRequest();
    assertThat(request.query())
        .containsOnlyKeys("auth_key", "auth_timestamp", "auth_version", "auth_signature")
        .containsEntry(
            "auth_signature", "df89248f87f6e6d028925e0b04d60f316527a865992ace6936afa91281d8bef0");
  }

  @Test
  void readsOneChannelSignedAsVectorV05WithTheCommaEncodedOnTheWire() {
    goClientAt(1427053326L).channel(V05_CHANNEL, USER_COUNT, SUBSCRIPTION_COUNT);

    RecordedRequest request = takeGoRequest();
    assertThat(request.path()).isEqualTo("/apps/102015/channels/" + V05_CHANNEL);
    assertThat(request.rawQuery()).contains("&info=user_count%2Csubscription_count&");
    assertThat(request.query())
        .containsEntry("info", "user_count,subscription_count")
        .containsEntry(
            "auth_signature", "f93ceb31f396aef336226efe512aaf339bd5e39c7c2c04b81cc8681dc16ee785");
  }

  @Test
  void listsPresenceUsersSignedAsVectorV06() {
    server.enqueue("{\"users\":[]}");
    goClientAt(1427053709L).users(V06_CHANNEL);

    RecordedRequest request = takeGoRequest();
    assertThat(request.path()).isEqualTo("/apps/102015/channels/" + V06_CHANNEL + "/users");
    assertThat(request.query())
        .containsEntry(
            "auth_signature", "207feaf4e8efeb24e5f148011704251bf90e2059a5f97a3eb52d06178b11feca");
  }

  @Test
  void signsTheEventOfVectorV01WithItsCredentialsAndTimestamp() {
    // V-01's event in this client's field order (name, data, channels); the MD5 and signature
    // below were computed with Python's hashlib and hmac.
    pusher =
        server
            .clientBuilder()
            .appId("3")
            .key("278d425bdf160c739803")
            .secret("7ad3773142a6692b25b8")
            .clock(Clock.fixed(Instant.ofEpochSecond(1353088179L), ZoneOffset.UTC))
            .build();

    pusher.trigger("project-3", "foo", "{\"some\":\"data\"}");

    RecordedRequest request = server.takeRequest();
    assertThat(request.path()).isEqualTo("/apps/3/events");
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"name\":\"foo\",\"data\":\"{\\\"some\\\":\\\"data\\\"}\",\"channels\":[\"project-3\"]}");
    assertThat(request.rawQuery())
        .isEqualTo(
            "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0"
                + "&body_md5=45ff0dd3fcd388e766ebeec554920e41"
                + "&auth_signature=3afbfced4119aeb18b1b441f623f438db238170e007bb8dda50203ad09031632");
    request.assertSignedBy("278d425bdf160c739803", "7ad3773142a6692b25b8");
  }

  /** The exact bodies pusher-http-node's trigger tests expect, with their published MD5s. */
  static Stream<Arguments> nodeTriggerBodies() {
    String data = "{\"some\":\"data \"}";
    return Stream.of(
        row(
            p -> p.trigger("one", "my_event", data),
            "{\"name\":\"my_event\",\"data\":\"{\\\"some\\\":\\\"data \\\"}\",\"channels\":[\"one\"]}",
            "e95168baf497b2e54b2c6cadd41a6a3f"),
        row(
            p -> p.trigger(List.of("one", "two", "three"), "my_event", data),
            "{\"name\":\"my_event\",\"data\":\"{\\\"some\\\":\\\"data \\\"}\","
                + "\"channels\":[\"one\",\"two\",\"three\"]}",
            "530dac0aa045e5f8e51c470aed0ce325"),
        row(
            p -> p.trigger("one", "my_event", List.of(1, 2, 4)),
            "{\"name\":\"my_event\",\"data\":\"[1,2,4]\",\"channels\":[\"one\"]}",
            "18e64b2fed38726915d79ebb4f8feb5b"),
        row(
            p -> p.trigger("test", "test_event", "test string"),
            "{\"name\":\"test_event\",\"data\":\"test string\",\"channels\":[\"test\"]}",
            "f358a562d00e1bfe1859132d932cd706"),
        row(
            p ->
                p.trigger(
                    List.of("test_channel"),
                    "my_event",
                    data,
                    TriggerOptions.excluding("123.567").withInfo(USER_COUNT, SUBSCRIPTION_COUNT)),
            "{\"name\":\"my_event\",\"data\":\"{\\\"some\\\":\\\"data \\\"}\","
                + "\"channels\":[\"test_channel\"],\"socket_id\":\"123.567\","
                + "\"info\":\"user_count,subscription_count\"}",
            "2e4f053f1c325dedbe21abd8f1852b53"),
        row(
            p ->
                p.trigger(
                    List.of("test_channel"),
                    "my_event",
                    data,
                    TriggerOptions.none().withInfo(SUBSCRIPTION_COUNT)),
            "{\"name\":\"my_event\",\"data\":\"{\\\"some\\\":\\\"data \\\"}\","
                + "\"channels\":[\"test_channel\"],\"info\":\"subscription_count\"}",
            "d3a47b3241328a6432adf60c8e91b6fb"),
        row(
            p -> p.trigger("test_channel", "my_event", data),
            "{\"name\":\"my_event\",\"data\":\"{\\\"some\\\":\\\"data \\\"}\","
                + "\"channels\":[\"test_channel\"]}",
            "cf87d666b4a829a54fc44b313584b2d7"),
        row(
            p -> p.trigger("test_-=@,.;channel", "my_event", data),
            "{\"name\":\"my_event\",\"data\":\"{\\\"some\\\":\\\"data \\\"}\","
                + "\"channels\":[\"test_-=@,.;channel\"]}",
            "024f0f297e27e131c8ec2c8817d153f4"),
        row(
            p ->
                p.trigger(
                    List.of("test_channel"), "my_event", data, TriggerOptions.excluding("123.567")),
            "{\"name\":\"my_event\",\"data\":\"{\\\"some\\\":\\\"data \\\"}\","
                + "\"channels\":[\"test_channel\"],\"socket_id\":\"123.567\"}",
            "0478e1ed73804ae1be97cfa6554cf039"));
  }

  private static Arguments row(Consumer<Pusher> call, String body, String md5) {
    return Arguments.of(call, body, md5);
  }

  @ParameterizedTest
  @MethodSource("nodeTriggerBodies")
  void writesTheNodeLibrarysExactTriggerBodies(
      Consumer<Pusher> call, String expectedBody, String expectedMd5) {
    pusher = server.clientBuilder().appId("1234").key("f00d").secret("tofu").build();

    call.accept(pusher);

    RecordedRequest request = server.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/apps/1234/events");
    assertThat(request.bodyText()).isEqualTo(expectedBody);
    assertThat(request.rawQuery())
        .matches(
            "auth_key=f00d&auth_timestamp=1000000000&auth_version=1\\.0&body_md5="
                + expectedMd5
                + "&auth_signature=[0-9a-f]{64}");
    request.assertSignedBy("f00d", "tofu");
  }

  @Test
  void sendsTheLibraryHeaderAndJsonContentTypeWithABody() {
    pusher = server.client();
    pusher.trigger("my-channel", "my-event", "hello");

    RecordedRequest request = server.takeRequest();
    assertThat(request.header("X-Pusher-Library"))
        .hasValueSatisfying(
            v -> assertThat(v).matches("channels4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
    assertThat(request.header("Content-Type")).contains("application/json");
  }

  @Test
  void sendsNoContentTypeWithoutABody() {
    pusher = server.client();
    pusher.channels();

    RecordedRequest request = server.takeRequest();
    assertThat(request.body()).isEmpty();
    assertThat(request.header("Content-Type")).isEmpty();
    assertThat(request.header("X-Pusher-Library"))
        .hasValueSatisfying(
            v -> assertThat(v).startsWith("channels4j ").isNotEqualTo("channels4j dev"));
  }

  @Test
  void signsTheTimestampInWholeSecondsTruncated() {
    pusher =
        server
            .clientBuilder()
            .clock(Clock.fixed(Instant.ofEpochMilli(1_353_088_179_999L), ZoneOffset.UTC))
            .build();
    pusher.channels();

    RecordedRequest request = server.takeRequest();
    assertThat(request.query()).containsEntry("auth_timestamp", "1353088179");
    request.assertSigned();
  }

  @Test
  void sendsExtraParamsPercentEncodedAndSignsThemRaw() {
    pusher = server.client();
    String value = "a b+c&d%e=f#g/h?é";
    pusher.channels(new ChannelsQuery(Optional.of("a=b,c;d@e"), false, Map.of("x_extra", value)));

    RecordedRequest request = server.takeRequest();
    assertThat(request.rawQuery())
        .contains("&filter_by_prefix=a%3Db%2Cc%3Bd%40e&")
        .contains("&x_extra=a%20b%2Bc%26d%25e%3Df%23g%2Fh%3F%C3%A9&")
        .doesNotContain(" ")
        .doesNotContain("+");
    assertThat(request.query())
        .containsEntry("filter_by_prefix", "a=b,c;d@e")
        .containsEntry("x_extra", value);
    request.assertSigned();
  }

  @Test
  void signsWithTheCurrentTimeOfTheSystemClock() {
    pusher = server.clientBuilder().clock(Clock.systemUTC()).build();
    long before = Instant.now().getEpochSecond();
    pusher.trigger("my-channel", "my-event", "hello");
    long after = Instant.now().getEpochSecond();

    RecordedRequest request = server.takeRequest();
    assertThat(Long.parseLong(request.query().get("auth_timestamp"))).isBetween(before, after);
    request.assertSigned();
  }
}
