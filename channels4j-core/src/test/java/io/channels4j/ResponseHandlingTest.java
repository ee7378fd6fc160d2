package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.RecordingServer.Answer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How answers become results or exceptions. */
class ResponseHandlingTest extends RecordingServerFixture {
  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"ok\":true}", "", "{\"unexpected\":[1,2]}", "[]", "null"})
  void acceptsEverySuccessBodyWithoutChannels(String body) {
    server.enqueue(Answer.json(200, body));

    TriggerResult result = pusher.trigger("my-channel", "my-event", "x");

    assertThat(result.channels()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204, 299})
  void treatsEvery2xxAsSuccess(int status) {
    server.enqueue(Answer.json(status, status == 204 ? "" : "{}"));

    assertThat(pusher.trigger("my-channel", "my-event", "x").channels()).isEmpty();
  }

  @Test
  void acceptsABatchAnswerWithoutBatch() {
    server.enqueue("{\"ok\":true}");

    assertThat(pusher.triggerBatch(java.util.List.of(Event.of("c", "e", "d"))).events()).isEmpty();
  }

  @Test
  void acceptsAChannelsAnswerWithoutChannels() {
    server.enqueue("{}");

    assertThat(pusher.channels().channels()).isEmpty();
  }

  @Test
  void treatsSoketisRefusalSentWithStatus200AsAnError() {
    server.enqueue(
        Answer.json(200, "{\"error\":\"The secret authentication failed\",\"code\":401}"));

    assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.body()).contains("The secret authentication failed");
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("401")
                  .contains("The secret authentication failed")
                  .doesNotContain(RecordingServer.SECRET);
            });
  }

  @Test
  void treatsSoketisRefusalOfAReadAsAnError() {
    server.enqueue(
        Answer.json(200, "{\"error\":\"The channel must be a presence channel.\",\"code\":400}"));

    assertThatThrownBy(() -> pusher.users("presence-room"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 413, 500, 501})
  void reportsAnErrorStatusWithItsBodyAsNotRetryable(int status) {
    String body = "{\"error\":\"nope " + status + "\",\"code\":" + status + "}";
    server.enqueue(Answer.json(status, body));

    assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.body()).isEqualTo(body);
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage()).contains("HTTP " + status).contains("nope " + status);
              assertThat(e.attempts()).isEqualTo(1);
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {502, 504})
  void reportsGatewayErrorsAsNotRetryableBecauseTheRequestMayHaveBeenForwarded(int status) {
    server.enqueue(Answer.text(status, "text/plain", "bad gateway"));

    assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.isRetryable()).isFalse();
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void reportsOverloadErrorsAsRetryable(int status) {
    server.enqueue(Answer.text(status, "text/plain", "busy"));

    assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.body()).isEqualTo("busy");
              assertThat(e.isRetryable()).isTrue();
            });
  }

  @Test
  void reportsARedirectAsAnError() {
    server.enqueue(
        new Answer(301, "", java.util.Map.of("Location", "http://127.0.0.1:1/elsewhere"), false));

    assertThatThrownBy(() -> pusher.channels())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(301));
  }

  @Test
  void reportsAnErrorWithAnEmptyBody() {
    server.enqueue(Answer.json(500, ""));

    assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.body()).isEmpty();
              assertThat(e.getMessage()).contains("(empty body)");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html>oops</html>", "{\"channels\":", "ok"})
  void reportsANonJsonSuccessBodyAsAnError(String body) {
    server.enqueue(Answer.text(200, "text/html", body));

    assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "x"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(200);
              assertThat(e.body()).isEqualTo(body);
              assertThat(e.getMessage()).contains("not JSON");
            });
  }

  @Test
  void failsTheFutureOfAnAsyncCallWithTheSameApiException() {
    server.enqueue(
        Answer.json(404, "{\"error\":\"The app app-id could not be found.\",\"code\":404}"));

    CompletableFuture<TriggerResult> future = pusher.async().trigger("my-channel", "my-event", "x");

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void timesOutWhenTheServerNeverAnswers() {
    server.enqueue(Answer.hanging());
    Duration timeout = Duration.ofMillis(300);
    try (Pusher quick = server.clientBuilder().timeout(timeout).build()) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> quick.trigger("my-channel", "my-event", "x"))
          .isInstanceOfSatisfying(
              RequestTimeoutException.class,
              e -> {
                assertThat(e.getMessage()).contains("300 ms");
                assertThat(e.requestSent()).isTrue();
                assertThat(e.attempts()).isEqualTo(1);
              });

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(elapsed).isBetween(Duration.ofMillis(250), timeout.plusSeconds(2));
    }
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void timesOutAnAsyncCallWhenTheServerNeverAnswers() {
    server.enqueue(Answer.hanging());
    try (Pusher quick = server.clientBuilder().timeout(Duration.ofMillis(300)).build()) {
      CompletableFuture<ChannelsResult> future = quick.async().channels(ChannelsQuery.all());

      assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(RequestTimeoutException.class);
    }
  }
}
