package io.channels4j;

import static io.channels4j.FaultyClients.MARGIN;
import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.delayed;
import static io.channels4j.spi.tck.Behaviour.neverAnswer;
import static io.channels4j.spi.tck.Behaviour.slowBody;
import static io.channels4j.spi.tck.Behaviour.stallWithoutReadingBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.FaultyClients.Timed;
import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.FaultyServer;
import io.channels4j.spi.tck.HangingConnectPort;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timeout bounds each attempt, on both faces and with both built-in transports. */
@Timeout(20)
class TimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  private final FaultyServer server = FaultyServer.start();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
    server.close();
  }

  private Pusher client(Pusher.Builder builder) {
    Pusher pusher = builder.timeout(TIMEOUT).retryPolicy(RetryPolicy.none()).build();
    resources.add(pusher);
    return pusher;
  }

  /** A client on the default transport, or on the JDK HttpClient transport. */
  private Pusher client(boolean jdkTransport) {
    Pusher.Builder builder = clientOf(server);
    if (jdkTransport) {
      HttpTransport jdk = HttpTransport.jdkHttpClient(HttpClient.newHttpClient());
      resources.add(jdk);
      builder.transport(jdk);
    }
    return client(builder);
  }

  private static void assertTimedOut(Timed<?> call) {
    assertThat(call.thrown()).isInstanceOf(RequestTimeoutException.class);
    assertThat(call.took()).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plus(MARGIN));
  }

  @ParameterizedTest(name = "jdkTransport={0}")
  @ValueSource(booleans = {false, true})
  void aBlockingCallToAServerThatNeverAnswersTimesOut(boolean jdkTransport) {
    server.setFallback(neverAnswer());
    Pusher pusher = client(jdkTransport);

    Timed<TriggerResult> call = Timed.of(() -> pusher.trigger("my-channel", "my-event", "{}"));

    assertTimedOut(call);
    RequestTimeoutException e = (RequestTimeoutException) call.thrown();
    assertThat(e.requestSent()).isTrue();
    assertThat(e).hasMessage("POST /apps/1/events timed out after 200 ms");
  }

  @ParameterizedTest(name = "jdkTransport={0}")
  @ValueSource(booleans = {false, true})
  void anAsyncCallToAServerThatNeverAnswersTimesOut(boolean jdkTransport) {
    server.setFallback(neverAnswer());
    Pusher pusher = client(jdkTransport);

    Timed<TriggerResult> call =
        Timed.of(
            () -> {
              try {
                return pusher
                    .async()
                    .trigger("my-channel", "my-event", "{}")
                    .get(5, TimeUnit.SECONDS);
              } catch (ExecutionException e) {
                throw (Exception) e.getCause();
              }
            });

    assertTimedOut(call);
  }

  @ParameterizedTest(name = "jdkTransport={0}")
  @ValueSource(booleans = {false, true})
  void theTimeoutBoundsTheWholeAnswerNotEachRead(boolean jdkTransport) {
    // The head arrives at once, then one byte every 40 ms: 30 bytes need 1.2 s.
    server.setFallback(slowBody(200, "{\"channels\":{\"a-long-name\":{}}}", Duration.ofMillis(40)));
    Pusher pusher = client(jdkTransport);

    assertTimedOut(Timed.of(pusher::channels));
  }

  @Test
  void aSlowAnswerWithinTheTimeoutSucceeds() {
    // 100 ms of silence, then 2 bytes 50 ms apart: several reads, well within 3 s in all.
    server.setFallback(delayed(Duration.ofMillis(100), slowBody(200, "{}", Duration.ofMillis(50))));
    Pusher pusher =
        clientOf(server).timeout(Duration.ofSeconds(3)).retryPolicy(RetryPolicy.none()).build();
    resources.add(pusher);

    Timed<ChannelsResult> call = Timed.of(pusher::channels);

    assertThat(call.thrown()).isNull();
    assertThat(call.value().channels()).isEmpty();
  }

  @Test
  void theTimeoutBoundsEachAttempt() {
    server.setFallback(neverAnswer());
    List<RequestListener.Attempt> attempts = new CopyOnWriteArrayList<>();
    Pusher pusher =
        client(
                clientOf(server)
                    .requestListener(
                        new RequestListener() {
                          @Override
                          public void onEnd(Attempt attempt) {
                            attempts.add(attempt);
                          }
                        }))
            .newBuilder()
            .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO))
            .build();
    resources.add(pusher);

    Timed<ChannelsResult> call = Timed.of(pusher::channels);

    assertThat(call.thrown()).isInstanceOf(RequestTimeoutException.class);
    assertThat(((PusherException) call.thrown()).attempts()).isEqualTo(2);
    // The server's thread may record the last request after the client gave up on it.
    assertThat(server.awaitRequests(2, MARGIN)).isTrue();
    assertThat(server.requestCount()).isEqualTo(2);
    // One deadline for the whole call would end it after one timeout, with one attempt.
    assertThat(call.took()).isGreaterThanOrEqualTo(TIMEOUT.multipliedBy(2));
    // Each attempt of a server that never answers ends at its own deadline. Measured per attempt
    // (its clock starts before the transport's), so that a thread stalled by a busy machine before,
    // between or after the attempts takes nothing from the margin of either.
    assertThat(attempts)
        .hasSize(2)
        .allSatisfy(
            a -> {
              assertThat(a.failure()).containsInstanceOf(RequestTimeoutException.class);
              assertThat(a.latency())
                  .isGreaterThanOrEqualTo(TIMEOUT)
                  .isLessThan(TIMEOUT.plus(MARGIN));
            });
  }

  @Test
  void connectingToAServerThatDoesNotAcceptTimesOutAndSaysNothingWasSent() throws Exception {
    try (HangingConnectPort hanging = new HangingConnectPort()) {
      Pusher pusher = client(clientOf(hanging.port()));

      Timed<TriggerResult> call = Timed.of(() -> pusher.trigger("my-channel", "my-event", "{}"));

      assertThat(call.thrown())
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("could not connect");
      assertThat(((TransportException) call.thrown()).requestSent()).isFalse();
      assertThat(call.took()).isLessThan(TIMEOUT.plus(MARGIN));
    }
  }

  @Test
  void aTlsServerThatNeverCompletesTheHandshakeTimesOutAndNothingWasSent() {
    server.silentOnAccept();
    Pusher pusher = client(clientOf(server).useTls(true));

    Timed<TriggerResult> call = Timed.of(() -> pusher.trigger("my-channel", "my-event", "{}"));

    assertThat(call.thrown()).isInstanceOf(RequestTimeoutException.class);
    assertThat(((TransportException) call.thrown()).requestSent()).isFalse();
    assertThat(call.took()).isLessThan(TIMEOUT.plus(MARGIN));
  }

  @Test
  void aServerThatStopsReadingALargeEventTimesOut() {
    server.setFallback(stallWithoutReadingBody(Duration.ofSeconds(2)));
    // The attempt's clock starts when it starts: encoding and checking 8 MiB of data before it
    // can take long on a busy machine, and is not part of the request's timeout.
    AtomicLong attemptStart = new AtomicLong();
    Pusher pusher =
        client(
            clientOf(server)
                .maxEventDataBytes(10 << 20)
                .requestListener(
                    new RequestListener() {
                      @Override
                      public void onStart(CallKind kind, String method, String path, int attempt) {
                        attemptStart.set(System.nanoTime());
                      }
                    }));
    String data = "x".repeat(8 << 20); // more than loopback socket buffers hold (about 4 MiB)

    Throwable thrown = catchThrowable(() -> pusher.trigger("my-channel", "my-event", data));
    Duration took = Duration.ofNanos(System.nanoTime() - attemptStart.get());

    assertThat(thrown).isInstanceOf(RequestTimeoutException.class);
    assertThat(((TransportException) thrown).requestSent())
        .as("the server never got the whole request")
        .isFalse();
    assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plus(MARGIN));
  }
}
