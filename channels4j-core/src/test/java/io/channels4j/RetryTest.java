package io.channels4j;

import static io.channels4j.FaultyClients.FAST_RETRIES;
import static io.channels4j.FaultyClients.MARGIN;
import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.neverAnswer;
import static io.channels4j.spi.tck.Behaviour.resetMidResponse;
import static io.channels4j.spi.tck.Behaviour.respond;
import static io.channels4j.spi.tck.Behaviour.truncatedBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.channels4j.FaultyClients.AdvancingClock;
import io.channels4j.FaultyClients.Timed;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.FaultyServer;
import io.channels4j.spi.tck.HangingConnectPort;
import io.channels4j.spi.tck.RecordedRequest;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures the client sends again, how often, how long it waits, and what it reports. */
@Timeout(20)
class RetryTest extends FaultyServerFixture {
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  /** Long enough for any retry of FAST_RETRIES to have reached the server. */
  private static final Duration QUIET = Duration.ofMillis(150);

  private Pusher client() {
    return client(clientOf(server));
  }

  private static TriggerResult trigger(Pusher pusher) {
    return pusher.trigger("my-channel", "my-event", "{\"n\":1}");
  }

  // -------------------------------------------------------------------- not sent: always retried

  @Test
  void retriesARefusedConnectionEvenForAPostAndCountsTheAttempts() {
    Pusher pusher = client(clientOf(FaultyServer.closedPort()));

    TransportException e = catchThrowableOfType(TransportException.class, () -> trigger(pusher));

    assertThat(e.requestSent()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e).hasMessageContaining("POST /apps/1/events").hasMessageEndingWith("(attempt 3)");
    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unknown host", "no route"})
  void retriesAPostWhoseHostCouldNotBeResolvedOrReached(String failure) {
    List<String> sent = new ArrayList<>();
    HttpTransport unreachableFirst =
        request -> {
          sent.add(request.method());
          if (sent.size() == 1) {
            throw failure.equals("unknown host")
                ? new UnknownHostException("api.example.invalid")
                : new NoRouteToHostException("No route to host");
          }
          return new HttpResponse(200, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        };
    Pusher pusher = client(clientOf(server).transport(unreachableFirst));

    trigger(pusher);

    assertThat(sent).containsExactly("POST", "POST");
  }

  @Test
  void reportsAnUnresolvedHostAsNotSent() {
    HttpTransport unresolved =
        request -> {
          throw new UnknownHostException("api.example.invalid");
        };
    Pusher pusher = client(clientOf(server).transport(unresolved).retryPolicy(RetryPolicy.none()));

    TransportException e = catchThrowableOfType(TransportException.class, () -> trigger(pusher));

    assertThat(e.requestSent()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("api.example.invalid");
  }

  @Test
  void retriesAConnectTimeoutEvenForAPost() throws Exception {
    try (HangingConnectPort hanging = new HangingConnectPort()) {
      Pusher pusher =
          client(
              clientOf(hanging.port())
                  .timeout(TIMEOUT)
                  .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO)));

      Timed<TriggerResult> call = Timed.of(() -> trigger(pusher));

      assertThat(call.thrown()).isInstanceOf(RequestTimeoutException.class);
      RequestTimeoutException e = (RequestTimeoutException) call.thrown();
      assertThat(e.requestSent()).isFalse();
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(call.took()).isLessThan(TIMEOUT.multipliedBy(2).plus(MARGIN));
    }
  }

  // ------------------------------------------------------------- overload: retried even for a POST

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void retriesOverloadAnswersForAPostUntilTheAttemptsRunOut(int status) {
    server.setFallback(respond(status, "{\"error\":\"busy\"}"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(client()));

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void succeedsWhenARetriedRequestIsAnswered() {
    server.enqueue(respond(503, "{}"), respond(429, "{}"), respond(200, "{}"));

    TriggerResult result = client().trigger("my-channel", "my-event", "{}");

    assertThat(result.channels()).isEmpty();
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void sendsNoMoreThanMaxAttempts() {
    server.setFallback(respond(503, "{}"));
    Pusher pusher =
        client(
            clientOf(server).retryPolicy(new RetryPolicy(5, Duration.ZERO, Duration.ofMillis(1))));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(pusher));

    assertThat(e.attempts()).isEqualTo(5);
    assertThat(server.awaitRequests(6, QUIET)).isFalse();
    assertThat(server.requestCount()).isEqualTo(5);
  }

  @Test
  void retriesNothingWithPolicyNone() {
    server.setFallback(respond(503, "{}"));
    Pusher pusher = client(clientOf(server).retryPolicy(RetryPolicy.none()));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(pusher));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).doesNotContain("attempt");
    assertThat(server.awaitRequests(2, QUIET)).isFalse();
  }

  // ------------------------------------------------------- may have been acted on: POST not
  // retried

  @ParameterizedTest
  @ValueSource(ints = {502, 504})
  void doesNotRetryAPostAnsweredByAGatewayError(int status) {
    server.setFallback(respond(status, "bad gateway"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(client()));

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, QUIET)).as("no duplicate event").isFalse();
  }

  @Test
  void doesNotRetryAPostAnswered500() {
    server.setFallback(respond(500, "{\"error\":\"oops\"}"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(client()));

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.body()).isEqualTo("{\"error\":\"oops\"}");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, QUIET)).as("no duplicate event").isFalse();
  }

  @Test
  void retriesAGetAnswered500() {
    server.enqueue(respond(500, "{}"), respond(200, "{\"channels\":{\"a\":{}}}"));

    ChannelsResult result = client().channels();

    assertThat(result.channels()).containsOnlyKeys("a");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 413})
  void doesNotRetryClientErrors(int status) {
    server.setFallback(respond(status, "{\"error\":\"no\"}"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client().channels());

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, QUIET)).isFalse();
  }

  @Test
  void doesNotRetryAPostAfterAReadTimeout() {
    server.setFallback(neverAnswer());
    Pusher pusher = client(clientOf(server).timeout(TIMEOUT));

    RequestTimeoutException e =
        catchThrowableOfType(RequestTimeoutException.class, () -> trigger(pusher));

    assertThat(e.requestSent()).isTrue();
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, QUIET)).as("no duplicate event").isFalse();
  }

  @Test
  void retriesAGetAfterAReadTimeout() {
    server.enqueue(neverAnswer(), neverAnswer(), respond(200, "{\"channels\":{}}"));
    Pusher pusher = client(clientOf(server).timeout(TIMEOUT));

    Timed<ChannelsResult> call = Timed.of(pusher::channels);

    assertThat(call.thrown()).isNull();
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(call.took()).isGreaterThanOrEqualTo(TIMEOUT.multipliedBy(2));
  }

  @Test
  void doesNotRetryAPostWhoseAnswerWasCutOff() {
    server.enqueue(resetMidResponse(200, "{\"channels\":{\"my-channel\":{}}}"));

    TransportException e = catchThrowableOfType(TransportException.class, () -> trigger(client()));

    assertThat(e.requestSent()).isTrue();
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, QUIET)).isFalse();
  }

  @Test
  void retriesAGetWhoseAnswerWasCutOff() {
    server.enqueue(
        resetMidResponse(200, "{\"channels\":{\"a\":{}}}"),
        truncatedBody(200, "{\"channels\":{\"a\":{}}}"),
        respond(200, "{\"channels\":{\"b\":{}}}"));

    assertThat(client().channels().channels()).containsOnlyKeys("b");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void doesNotRetryANonJsonAnswer() {
    server.setFallback(respond(200, "<html>Bad gateway</html>", "Content-Type", "text/html"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client().channels());

    assertThat(e.status()).isEqualTo(200);
    assertThat(e).hasMessageContaining("not JSON").hasMessageContaining("<html>Bad gateway</html>");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, QUIET)).isFalse();
  }

  // --------------------------------------------------------------------------------- condition

  @Test
  void aCustomConditionDecidesWhatIsRetried() {
    server.setFallback(respond(500, "{}"));
    RetryPolicy everything = FAST_RETRIES.withCondition((method, failure) -> true);
    Pusher pusher = client(clientOf(server).retryPolicy(everything));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(pusher));

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void aConditionSeesTheMethodAndTheFailure() {
    server.setFallback(respond(503, "{}"));
    List<String> seen = new ArrayList<>();
    RetryPolicy recording =
        FAST_RETRIES.withCondition(
            (method, failure) -> {
              seen.add(method + " " + ((ApiException) failure).status() + " " + failure.attempts());
              return false;
            });
    Pusher pusher = client(clientOf(server).retryPolicy(recording));

    catchThrowableOfType(ApiException.class, () -> trigger(pusher));

    assertThat(seen).containsExactly("POST 503 1");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  // ------------------------------------------------------------------------------- Retry-After

  @Test
  void waitsForRetryAfterSeconds() {
    server.enqueue(
        respond(429, "{\"error\":\"slow down\"}", "Retry-After", "1"), respond(200, "{}"));
    Pusher pusher = client(clientOf(server).retryPolicy(RetryPolicy.defaults()));

    Timed<TriggerResult> call =
        Timed.of(() -> pusher.trigger("my-channel", "my-event", "{\"n\":1}"));

    assertThat(call.thrown()).isNull();
    assertThat(call.took())
        .isGreaterThanOrEqualTo(Duration.ofMillis(950))
        .isLessThan(MARGIN.plusSeconds(1));
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void waitsForRetryAfterAsAnHttpDateOfTheClientsClock() {
    Clock fixed = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    server.enqueue(
        respond(503, "{}", "Retry-After", "Tue, 01 Jan 2030 00:00:01 GMT"), respond(200, "{}"));
    Pusher pusher = client(clientOf(server).clock(fixed).retryPolicy(RetryPolicy.defaults()));

    Timed<TriggerResult> call = Timed.of(() -> trigger(pusher));

    assertThat(call.thrown()).isNull();
    assertThat(call.took())
        .isGreaterThanOrEqualTo(Duration.ofMillis(950))
        .isLessThan(MARGIN.plusSeconds(1));
  }

  @Test
  void retriesAtOnceOnRetryAfterZero() {
    server.enqueue(respond(503, "{}", "Retry-After", "0"), respond(200, "{}"));
    Pusher pusher =
        client(
            clientOf(server)
                .retryPolicy(new RetryPolicy(2, Duration.ofSeconds(5), Duration.ofSeconds(5))));

    Timed<TriggerResult> call = Timed.of(() -> trigger(pusher));

    assertThat(call.thrown()).isNull();
    assertThat(call.took()).isLessThan(MARGIN);
  }

  @Test
  void doesNotWaitForARetryAfterLongerThanMaxBackoff() {
    server.setFallback(respond(429, "{\"error\":\"quota\"}", "Retry-After", "120"));
    Pusher pusher = client(clientOf(server).retryPolicy(RetryPolicy.defaults()));

    Timed<TriggerResult> call = Timed.of(() -> trigger(pusher));

    assertThat(call.thrown()).isInstanceOf(ApiException.class);
    ApiException e = (ApiException) call.thrown();
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(call.took()).isLessThan(MARGIN);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  // -------------------------------------------------------------------------------- re-signing

  @Test
  void signsEveryAttemptAnewWithAFreshTimestamp() throws Exception {
    server.enqueue(respond(503, "{}"), respond(503, "{}"), respond(200, "{}"));
    Clock clock = new AdvancingClock(Instant.ofEpochSecond(1_700_000_000), Duration.ofSeconds(7));
    Pusher pusher = client(clientOf(server).clock(clock));

    trigger(pusher);

    List<Long> timestamps = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest r = server.takeRequest(MARGIN);
      String timestamp = r.queryParameter("auth_timestamp");
      timestamps.add(Long.parseLong(timestamp));
      signatures.add(r.queryParameter("auth_signature"));
      assertThat(r.queryParameter("auth_signature")).isEqualTo(expectedSignature(r, timestamp));
    }
    assertThat(timestamps).isSorted().doesNotHaveDuplicates();
    assertThat(timestamps.get(0)).isGreaterThanOrEqualTo(1_700_000_000L);
    assertThat(signatures).doesNotHaveDuplicates();
  }

  /** Pusher's request signature, computed here independently of the library. */
  private static String expectedSignature(RecordedRequest r, String timestamp) throws Exception {
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(r.body()));
    String toSign =
        "POST\n/apps/1/events\nauth_key=test-key&auth_timestamp="
            + timestamp
            + "&auth_version=1.0&body_md5="
            + md5;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
  }
}
