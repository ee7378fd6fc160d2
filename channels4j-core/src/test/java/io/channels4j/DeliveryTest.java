package io.channels4j;

import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.neverAnswer;
import static io.channels4j.spi.tck.Behaviour.resetMidResponse;
import static io.channels4j.spi.tck.Behaviour.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.Behaviour;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delivery under the retry policy, counted on the server: behind a gateway that publishes the event
 * and then answers an error, the default policy publishes each trigger at most once and reports the
 * failure; {@link RetryPolicy#atLeastOnce()} sends it again; an answer that proves the event was
 * not published (429, 503) is retried and the event published once.
 */
@Timeout(20)
class DeliveryTest extends FaultyServerFixture {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  /** Long enough for any retry of the fast policies to have reached the server. */
  private static final Duration QUIET = Duration.ofMillis(300);

  /** Attempts and backoff of the default policy, with short waits so the tests stay fast. */
  private static final RetryPolicy FAST_DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50));

  private static final RetryPolicy FAST_AT_LEAST_ONCE =
      FAST_DEFAULT.withCondition(RetryPolicy.Condition.atLeastOnce());

  /** The bodies of the triggers the upstream behind the gateway published, in order. */
  private final List<String> published = new CopyOnWriteArrayList<>();

  /** A gateway that forwards the trigger upstream (it is published) and then answers status. */
  private Behaviour publishedThenAnswered(int status) {
    return e -> {
      published.add(e.request().bodyText());
      return respond(status, "<html>" + status + " from the gateway</html>").answer(e);
    };
  }

  /** A server that publishes the trigger and answers 200. */
  private Behaviour publishedAndOk() {
    return e -> {
      published.add(e.request().bodyText());
      return respond(200, "{}").answer(e);
    };
  }

  /** A server that publishes the trigger, then the connection dies before the answer is read. */
  private Behaviour publishedThenNoAnswer(Behaviour noAnswer) {
    return e -> {
      published.add(e.request().bodyText());
      return noAnswer.answer(e);
    };
  }

  private Pusher client(RetryPolicy policy) {
    return client(clientOf(server).timeout(TIMEOUT).retryPolicy(policy));
  }

  private static void trigger(Pusher pusher) {
    pusher.trigger("orders", "created", "{\"order\":42}");
  }

  // ------------------------------------------------------------ default: at most once, reported

  @ParameterizedTest
  @ValueSource(ints = {502, 504})
  void theDefaultPolicyPublishesATriggerOnceWhenTheGatewayAnswers502Or504(int status) {
    server.setFallback(publishedThenAnswered(status));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(client(FAST_DEFAULT)));

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.isRetryable()).as("a gateway may have forwarded it").isFalse();
    assertThat(server.awaitRequests(2, QUIET)).as("no second attempt").isFalse();
    assertThat(published).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {502, 504})
  void theDefaultsThemselvesDoNotResendAPostAnswered502Or504(int status) {
    server.setFallback(publishedThenAnswered(status));
    Pusher pusher = client(clientOf(server).timeout(TIMEOUT)); // RetryPolicy.defaults()

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(pusher));

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, Duration.ofSeconds(1))).isFalse();
    assertThat(published).hasSize(1);
  }

  @Test
  void aRetriedOverloadThatEndsAtAGatewayErrorPublishesOnceAndReportsIt() {
    // 429 and 503 prove the event was not published: retried. The 504 may hide a publication.
    Behaviour tooMany = respond(429, "{\"error\":\"slow down\"}");
    Behaviour unavailable = respond(503, "{\"error\":\"busy\"}");
    server.enqueue(tooMany, unavailable, publishedThenAnswered(504), publishedAndOk());
    Pusher pusher = client(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50)));

    ApiException e = catchThrowableOfType(ApiException.class, () -> trigger(pusher));

    assertThat(e.status()).isEqualTo(504);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(server.awaitRequests(4, QUIET)).as("no fourth attempt").isFalse();
    assertThat(published).hasSize(1);
  }

  @Test
  void aGetIsStillRetriedOn502And504() {
    server.enqueue(
        respond(502, "bad gateway"),
        respond(504, "gateway timeout"),
        respond(200, "{\"channels\":{\"orders\":{}}}"));

    ChannelsResult result = client(FAST_DEFAULT).channels();

    assertThat(result.channels()).containsOnlyKeys("orders");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  // ----------------------------------------------------------- overload: retried, published once

  @ParameterizedTest
  @ValueSource(strings = {"429", "503", "503 Retry-After: 0"})
  void anOverloadAnswerIsRetriedAndTheEventPublishedOnce(String answer) {
    int status = Integer.parseInt(answer.substring(0, 3));
    Behaviour refused =
        answer.contains("Retry-After")
            ? respond(status, "{}", "Retry-After", "0")
            : respond(status, "{}");
    server.enqueue(refused, refused, publishedAndOk());

    trigger(client(FAST_DEFAULT));

    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.awaitRequests(4, QUIET)).isFalse();
    assertThat(published).hasSize(1);
  }

  // --------------------------------------------------------------- opt-in: at least once

  @ParameterizedTest
  @ValueSource(ints = {502, 504})
  void atLeastOnceResendsAPostAnswered502Or504AndMayPublishItTwice(int status) {
    server.enqueue(publishedThenAnswered(status), publishedAndOk());

    trigger(client(FAST_AT_LEAST_ONCE));

    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(published).hasSize(2).containsOnly(published.get(0));
  }

  @Test
  void atLeastOnceResendsAPostThatGotNoAnswer() {
    server.enqueue(
        publishedThenNoAnswer(neverAnswer()),
        publishedThenNoAnswer(resetMidResponse(200, "{\"channels\":{}}")),
        publishedAndOk());

    trigger(client(FAST_AT_LEAST_ONCE));

    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(published).hasSize(3);
  }

  @Test
  void atLeastOnceGivesUpAfterMaxAttemptsAndReportsTheLastFailure() {
    server.setFallback(publishedThenAnswered(502));

    ApiException e =
        catchThrowableOfType(ApiException.class, () -> trigger(client(FAST_AT_LEAST_ONCE)));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e).hasMessageEndingWith("(attempt 3)");
    assertThat(server.awaitRequests(4, QUIET)).isFalse();
    assertThat(published).hasSize(3);
  }

  @Test
  void atLeastOnceIsTheDefaultsWithTheAtLeastOnceCondition() {
    RetryPolicy policy = RetryPolicy.atLeastOnce();

    assertThat(policy.condition()).isSameAs(RetryPolicy.Condition.atLeastOnce());
    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void atLeastOnceStillDoesNotRetryClientErrors() {
    server.setFallback(respond(400, "{\"error\":\"bad\"}"));

    ApiException e =
        catchThrowableOfType(ApiException.class, () -> trigger(client(FAST_AT_LEAST_ONCE)));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.awaitRequests(2, QUIET)).isFalse();
  }

  // ------------------------------------------------------- refused before anything is sent

  /** A decorator that adds one header, the way a user's transport might, then lets next send. */
  private static HttpTransport addingHeader(HttpTransport next, String name, String value) {
    return new HttpTransport() {
      @Override
      public HttpResponse send(HttpRequest request) throws IOException {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put(name, value);
        return next.send(
            HttpRequest.of(
                request.method(),
                request.origin(),
                request.target(),
                headers,
                request.body(),
                request.timeout()));
      }

      @Override
      public void close() {
        next.close();
      }
    };
  }

  @ParameterizedTest
  @CsvSource({
    "sockets, Host, evil.example",
    "sockets, Content-Length, 0",
    "sockets, Transfer-Encoding, chunked",
    "sockets, X-Trace, 'a\\r\\nX-Injected: yes'",
    "jdk, Host, evil.example",
    "jdk, Content-Length, 0",
    "jdk, X-Trace, 'a\\r\\nX-Injected: yes'",
    "jdk, Connection, close"
  })
  void aHeaderTheTransportRefusesIsReportedAsNotSentAndNeverReachesTheServer(
      String transport, String name, String escapedValue) {
    String value = escapedValue.replace("\\r", "\r").replace("\\n", "\n");
    HttpTransport base =
        transport.equals("jdk")
            ? HttpTransport.jdkHttpClient(HttpClient.newHttpClient())
            : HttpTransport.pooledSockets(Duration.ofSeconds(1), 2, Duration.ofSeconds(4));
    try (HttpTransport decorated = addingHeader(base, name, value)) {
      // The policy most eager to resend: a refusal must still never reach the server.
      Pusher pusher =
          client(
              clientOf(server)
                  .timeout(TIMEOUT)
                  .retryPolicy(FAST_AT_LEAST_ONCE)
                  .transport(decorated));

      TransportException e = catchThrowableOfType(TransportException.class, () -> trigger(pusher));

      assertThat(e.requestSent()).as("a refused header means nothing was sent").isFalse();
      assertThat(e).hasMessageContaining(name);
      assertThat(e.getMessage()).doesNotContain("evil.example").doesNotContain("X-Injected");
      assertThat(server.awaitRequests(1, QUIET)).as("nothing reached the server").isFalse();
    }
  }
}
