package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ApiException;
import io.channels4j.ChannelsQuery;
import io.channels4j.Event;
import io.channels4j.Pusher;
import io.channels4j.RequestListener;
import io.channels4j.interop.support.Resources;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * soketi refuses a bad signature (a client with the wrong secret), an unknown app id and oversized
 * data with HTTP 200 and an error body; channels4j reports each as an {@link ApiException} with the
 * body's code, and does not retry it.
 */
@ExtendWith(SharedPeers.Resolver.class)
class RefusalIT {

  private static final String CHANNEL = SharedPeers.channelPrefix(RefusalIT.class) + "refused";
  private static final List<RequestListener.Attempt> ATTEMPTS = new CopyOnWriteArrayList<>();

  private static Pusher right;
  private static Pusher wrongSecret;
  private static Pusher unknownApp;
  private static Pusher bigData;

  @BeforeAll
  static void start(SharedPeers peers) {
    RequestListener recorder =
        new RequestListener() {
          @Override
          public void onEnd(Attempt attempt) {
            ATTEMPTS.add(attempt);
          }
        };
    right = peers.pusherBuilder().requestListener(recorder).build();
    wrongSecret = peers.pusherBuilder().secret("not-the-secret").requestListener(recorder).build();
    unknownApp = peers.pusherBuilder().appId("no-such-app").requestListener(recorder).build();
    bigData = peers.pusherBuilder().maxEventDataBytes(1 << 20).requestListener(recorder).build();
  }

  @BeforeEach
  void clearAttempts() {
    ATTEMPTS.clear();
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(right, wrongSecret, unknownApp, bigData);
  }

  @Test
  void theRightSecretIsAcceptedSoTheRefusalsBelowAreDueToTheirOneChange() {
    right.trigger(CHANNEL, "accepted", "x");

    assertThat(ATTEMPTS).singleElement().satisfies(a -> assertThat(a.failure()).isEmpty());
    assertThat(ATTEMPTS.get(0).status()).contains(200);
  }

  @Test
  void triggerSignedWithAWrongSecretIsAnApiException401AlthoughSentWithHttp200() {
    assertApiException(() -> wrongSecret.trigger(CHANNEL, "refused", "x"), 401);

    // Once: a refusal is not retried.
    assertThat(ATTEMPTS).singleElement().satisfies(a -> assertThat(a.status()).contains(200));
  }

  @Test
  void everyCallSignedWithAWrongSecretIsRefused() {
    assertApiException(
        () -> wrongSecret.triggerBatch(List.of(Event.of(CHANNEL, "refused", "x"))), 401);
    assertApiException(() -> wrongSecret.sendToUser("someone", "refused", "x"), 401);
    assertApiException(() -> wrongSecret.terminateUserConnections("someone"), 401);
    assertApiException(() -> wrongSecret.channels(), 401);
    assertApiException(() -> wrongSecret.channels(ChannelsQuery.withPrefix("presence-")), 401);
    assertApiException(() -> wrongSecret.channel(CHANNEL), 401);
    assertApiException(() -> wrongSecret.users("presence-" + CHANNEL), 401);
    assertThat(ATTEMPTS).hasSize(7).allSatisfy(a -> assertThat(a.status()).contains(200));
  }

  @Test
  void asyncRefusalFailsTheFutureWithTheApiException() {
    assertThatThrownBy(
            () -> wrongSecret.async().trigger(CHANNEL, "refused", "x").get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void unknownAppIdIsAnApiException404() {
    assertApiException(() -> unknownApp.trigger(CHANNEL, "refused", "x"), 404);
    assertApiException(() -> unknownApp.channels(), 404);

    assertThat(ATTEMPTS).hasSize(2).allSatisfy(a -> assertThat(a.status()).contains(200));
  }

  @Test
  void dataOverSoketisLimitIsAnApiException413() {
    String tooBig = "x".repeat(150 * 1024);

    assertApiException(() -> bigData.trigger(CHANNEL, "too-big", tooBig), 413);
    assertThat(ATTEMPTS).singleElement().satisfies(a -> assertThat(a.status()).contains(200));
  }

  private static void assertApiException(ThrowingCallable call, int code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(code);
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.retryAfter()).isEqualTo(Optional.empty());
              assertThat(e.getMessage()).contains("sent with HTTP 200");
              assertThat(e.body()).contains("\"code\":" + code);
            });
  }
}
