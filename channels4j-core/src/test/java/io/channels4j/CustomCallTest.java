package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.RecordingServer.Answer;
import io.channels4j.RecordingServer.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generic signed GET and POST, for endpoints the library does not wrap: what they send (checked
 * by a server that recomputes the signature), what they return, and what they refuse before any
 * request.
 */
class CustomCallTest extends RecordingServerFixture {

  private static Map<String, String> withoutAuth(Map<String, String> query) {
    Map<String, String> rest = new TreeMap<>(query);
    rest.keySet().removeIf(k -> k.startsWith("auth_") || k.equals("body_md5"));
    return rest;
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Runnable call) {
    AbstractThrowableAssert<?, ? extends Throwable> refused =
        assertThatThrownBy(call::run).isInstanceOf(ValidationException.class);
    assertThat(server.requestCount()).isZero();
    return refused;
  }

  // ------------------------------------------------------------------------------------ GET

  @Test
  void getsAPathBelowTheAppWithSignedParametersAndReturnsTheJsonAsReceived() {
    String answer = "{ \"channels\" : { \"presence-room\" : { \"user_count\" : 2 } } }";
    server.enqueue(answer);

    RawResponse response =
        pusher.get("/channels", Map.of("filter_by_prefix", "presence-", "info", "user_count"));

    RecordedRequest request = server.takeSignedRequest("GET", "/apps/app-id/channels");
    assertThat(withoutAuth(request.query()))
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of("filter_by_prefix", "presence-", "info", "user_count")));
    assertThat(request.body()).isEmpty();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).isEqualTo(answer);
  }

  @Test
  void signsParameterValuesThatNeedEncodingAsTheServerDecodesThem() {
    String value = "a b&c=d/é+%";

    pusher.get("/channels/presence-room/users", Map.of("x_extension", value));

    RecordedRequest request =
        server.takeSignedRequest("GET", "/apps/app-id/channels/presence-room/users");
    assertThat(request.query()).containsEntry("x_extension", value);
  }

  @Test
  void getWithoutParametersSendsOnlyTheSignature() {
    pusher.get("/channels/presence-room");

    RecordedRequest request =
        server.takeSignedRequest("GET", "/apps/app-id/channels/presence-room");
    assertThat(withoutAuth(request.query())).isEmpty();
  }

  @Test
  void returnsAnEmptyBodyAsEmptyText() {
    server.enqueue(Answer.json(204, ""));

    RawResponse response = pusher.get("/channels");

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.json()).isEmpty();
  }

  // ----------------------------------------------------------------------------------- POST

  @Test
  void postsAJsonStringAsIsWithItsMd5Signed() {
    String body = "{\"name\":\"my-event\",\"channels\":[\"my-channel\"],\"data\":\"{}\"}";
    server.enqueue(Answer.json(202, "{\"ok\":true}"));

    RawResponse response = pusher.post("/events", body);

    RecordedRequest request = server.takeSignedRequest("POST", "/apps/app-id/events");
    assertThat(request.bodyText()).isEqualTo(body);
    assertThat(request.header("Content-Type")).contains("application/json");
    assertThat(response).isEqualTo(new RawResponse(202, "{\"ok\":true}"));
  }

  @Test
  void encodesABodyThatIsNotAStringWithThePayloadEncoder() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "my-event");
    body.put("channels", java.util.List.of("my-channel"));

    pusher.post("/events", body);

    assertThat(server.takeSignedRequest("POST", "/apps/app-id/events").bodyText())
        .isEqualTo("{\"name\":\"my-event\",\"channels\":[\"my-channel\"]}");
  }

  @Test
  void postsToAPathOfUserIdsAndPercentEscapes() {
    pusher.post("/users/user%201/terminate_connections", "{}");

    server.takeSignedRequest("POST", "/apps/app-id/users/user%201/terminate_connections");
  }

  @Test
  void reportsItsAttemptsToTheListenerAsCustomCalls() {
    java.util.List<CallKind> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Pusher listened =
        server
            .clientBuilder()
            .requestListener(
                new RequestListener() {
                  @Override
                  public void onEnd(Attempt attempt) {
                    kinds.add(attempt.kind());
                  }
                })
            .build()) {
      listened.get("/channels");
      listened.post("/events", "{}");
    }

    assertThat(kinds).containsExactly(CallKind.CUSTOM, CallKind.CUSTOM);
  }

  // ---------------------------------------------------------------------------------- answers

  @Test
  void aSoketiErrorBodySentWithHttp200IsAnApiException() {
    server.enqueue("{\"error\":\"App not found\",\"code\":404}");

    assertThatThrownBy(() -> pusher.get("/channels"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.body()).contains("App not found");
            });
  }

  @Test
  void anErrorStatusIsAnApiExceptionWithTheBody() {
    server.enqueue(Answer.json(400, "{\"error\":\"unknown field\"}"));

    assertThatThrownBy(() -> pusher.post("/events", "{\"x\":1}"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body()).isEqualTo("{\"error\":\"unknown field\"}");
            });
  }

  @Test
  void aSuccessWhoseBodyIsNotJsonIsAnApiException() {
    server.enqueue(Answer.text(200, "text/html", "<html>proxy login</html>"));

    assertThatThrownBy(() -> pusher.get("/channels")).isInstanceOf(ApiException.class);
  }

  @Test
  void theAsyncFaceSendsTheSameRequests() throws Exception {
    server.enqueue("{\"channels\":{}}");
    server.enqueue(Answer.json(200, "{}"));

    RawResponse got = pusher.async().get("/channels").get(5, TimeUnit.SECONDS);
    RawResponse posted = pusher.async().post("/events", "{\"a\":1}").get(5, TimeUnit.SECONDS);

    server.takeSignedRequest("GET", "/apps/app-id/channels");
    assertThat(server.takeSignedRequest("POST", "/apps/app-id/events").bodyText())
        .isEqualTo("{\"a\":1}");
    assertThat(got.json()).isEqualTo("{\"channels\":{}}");
    assertThat(posted.json()).isEqualTo("{}");
  }

  @Test
  void theAsyncFaceRefusesBadInputAtOnce() {
    assertRefused(() -> pusher.async().get("/a/../b"));
    assertRefused(() -> pusher.async().post("/events", "{"));
  }

  // --------------------------------------------------------------------- refused before sending

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "channels|path must start with / (it is relative to /apps/APP_ID), but is 'channels'",
        "/apps/app-id/channels|path is relative to /apps/APP_ID: give /channels for"
            + " /apps/APP_ID/channels, but is '/apps/app-id/channels'",
        "/channels?info=user_count|path must not contain ? (give query parameters as params), but"
            + " has one at index 9",
        "/channels#top|path must not contain #, but has one at index 9",
        "/channels/../../other-app|path must not contain the dot segment '..', but has it at"
            + " index 10",
        "/channels/.|path must not contain the dot segment '.', but has it at index 10",
        "/..|path must not contain the dot segment '..', but has it at index 1",
        "/a/%2e%2E/b|path must not contain the dot segment '%2e%2E', but has it at index 3",
        "/a/.%2e|path must not contain the dot segment '.%2e', but has it at index 3",
        "/a%2|path has a % at index 2 that is not followed by two hex digits",
        "/a%zz|path has a % at index 2 that is not followed by two hex digits",
        "/a\\b|path may contain only letters, digits, /, percent escapes and -._~!$&'()*+,;=:@,"
            + " but has '\\' at index 2",
      })
  void refusesAPathThatCouldLeaveTheAppOrBeSignedDifferently(String path, String message) {
    assertRefused(() -> pusher.get(path)).hasMessage(message);
    assertRefused(() -> pusher.post(path, "{}")).hasMessage(message);
  }

  @Test
  void refusesSpacesControlAndNonAsciiCharactersByCodePoint() {
    assertRefused(() -> pusher.get("/a b")).hasMessageEndingWith("but has U+0020 at index 2");
    assertRefused(() -> pusher.get("/a\nb")).hasMessageEndingWith("but has U+000A at index 2");
    assertRefused(() -> pusher.get("/é")).hasMessageEndingWith("but has U+00E9 at index 1");
    assertRefused(() -> pusher.get("")).hasMessageContaining("must start with /");
    assertRefused(() -> pusher.get(null)).hasMessage("path must not be null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a..b", "/...", "/.well-known", "/a/b./c"})
  void acceptsDotsThatAreNotDotSegments(String path) {
    pusher.get(path);

    server.takeSignedRequest("GET", "/apps/app-id" + path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "auth_key",
        "auth_timestamp",
        "auth_version",
        "auth_signature",
        "body_md5",
        "AUTH_SIGNATURE"
      })
  void refusesTheSignaturesOwnParameters(String name) {
    assertRefused(() -> pusher.get("/channels", Map.of(name, "x")))
        .hasMessage(
            "query parameter "
                + name
                + " is set by the request signature and cannot be overridden");
  }

  @Test
  void refusesAParameterWithoutNameOrValue() {
    Map<String, String> nullValue = new LinkedHashMap<>();
    nullValue.put("info", null);
    assertRefused(() -> pusher.get("/channels", nullValue))
        .hasMessage("query parameter info must not be null");
    assertRefused(() -> pusher.get("/channels", Map.of("", "x")))
        .hasMessage("query parameter names must not be empty");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|body payload must be JSON text, but is not",
        "'  '|body payload must be JSON text, but is not",
        "{\"a\":1} trailing|body payload must be JSON text, but is not",
        "not json|body payload must be JSON text, but is not",
      })
  void refusesABodyThatIsNotOneJsonValue(String body, String message) {
    assertRefused(() -> pusher.post("/events", body)).hasMessageStartingWith(message);
  }

  @Test
  void refusesANullBody() {
    assertRefused(() -> pusher.post("/events", null))
        .hasMessage("body must not be null; send {} for an empty object");
  }
}
