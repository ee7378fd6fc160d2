package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.RecordingServer.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How a caller catches each failure, as docs/migrating.md tells it: a {@link ValidationException}
 * is a bug in the caller's arguments and an {@link IllegalArgumentException}, not a {@link
 * PusherException}; the server's refusals and network failures are {@code PusherException}s.
 */
class CatchingExceptionsTest extends RecordingServerFixture {
  private static final String BAD_CHANNEL = "no spaces allowed";

  @Test
  void catchPusherExceptionDoesNotCatchAValidationException() {
    Throwable escaped =
        catchThrowable(
            () -> {
              try {
                pusher.trigger(BAD_CHANNEL, "my-event", "{}");
              } catch (PusherException e) {
                throw new AssertionError(
                    "a ValidationException was caught as a PusherException", e);
              }
            });

    assertThat(escaped)
        .isInstanceOf(ValidationException.class)
        .isNotInstanceOf(PusherException.class);
  }

  @Test
  void catchIllegalArgumentExceptionCatchesAValidationException() {
    IllegalArgumentException caught = null;
    try {
      pusher.trigger(BAD_CHANNEL, "my-event", "{}");
    } catch (IllegalArgumentException e) {
      caught = e;
    }

    assertThat(caught).isInstanceOf(ValidationException.class).hasMessageContaining("channel");
  }

  @Test
  void catchPusherExceptionCatchesARefusalByTheServer() {
    server.enqueue(Answer.json(403, "{\"error\":\"over quota\",\"code\":403}"));
    PusherException caught = null;
    try {
      pusher.trigger("my-channel", "my-event", "{}");
    } catch (PusherException e) {
      caught = e;
    }

    assertThat(caught)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void catchPusherExceptionCatchesANetworkFailure() {
    server.enqueue(Answer.hanging());
    PusherException caught = null;
    try (Pusher quick = server.clientBuilder().timeout(Duration.ofMillis(200)).build()) {
      quick.trigger("my-channel", "my-event", "{}");
    } catch (PusherException e) {
      caught = e;
    }

    assertThat(caught).isInstanceOf(RequestTimeoutException.class);
    assertThat(caught).isInstanceOf(TransportException.class);
  }
}
