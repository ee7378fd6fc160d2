package io.channels4j;

import static io.channels4j.FaultyClients.MARGIN;
import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.delayed;
import static io.channels4j.spi.tck.Behaviour.neverAnswer;
import static io.channels4j.spi.tck.Behaviour.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.FaultyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listener sees every attempt: start, end, status, latency, failure and whether a retry
 * follows.
 */
@Timeout(20)
class RequestListenerTest {
  private final FaultyServer server = FaultyServer.start();
  private final Recorder recorder = new Recorder();
  private Pusher pusher;

  /** Records what it is told, in order. */
  static final class Recorder implements RequestListener {
    final List<String> starts = new ArrayList<>();
    final List<CallKind> startKinds = new ArrayList<>();
    final List<Attempt> ends = new ArrayList<>();

    @Override
    public synchronized void onStart(CallKind kind, String method, String path, int attempt) {
      starts.add(method + " " + path + " #" + attempt);
      startKinds.add(kind);
    }

    @Override
    public synchronized void onEnd(Attempt attempt) {
      ends.add(attempt);
    }
  }

  @AfterEach
  void stop() {
    if (pusher != null) {
      pusher.close();
    }
    server.close();
  }

  @Test
  void reportsEveryAttemptOfARetriedCall() {
    server.enqueue(
        respond(503, "{}"),
        respond(429, "{}"),
        delayed(Duration.ofMillis(100), respond(200, "{}")));
    pusher = clientOf(server).requestListener(recorder).build();

    pusher.trigger("my-channel", "my-event", "{}");

    assertThat(recorder.starts)
        .containsExactly(
            "POST /apps/1/events #1", "POST /apps/1/events #2", "POST /apps/1/events #3");
    assertThat(recorder.ends).hasSize(3);
    RequestListener.Attempt first = recorder.ends.get(0);
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/apps/1/events");
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.status()).contains(503);
    assertThat(first.failure()).get().isInstanceOf(ApiException.class);
    assertThat(first.willRetry()).isTrue();
    assertThat(recorder.ends.get(1).status()).contains(429);
    assertThat(recorder.ends.get(1).willRetry()).isTrue();
    RequestListener.Attempt last = recorder.ends.get(2);
    assertThat(last.attempt()).isEqualTo(3);
    assertThat(last.status()).contains(200);
    assertThat(last.failure()).isEmpty();
    assertThat(last.willRetry()).isFalse();
    assertThat(last.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void namesTheKindOfEveryCallAtStartAndEnd() {
    server.setFallback(respond(200, "{}"));
    pusher =
        clientOf(server)
            .pushNotificationHost("127.0.0.1:" + server.port())
            .requestListener(recorder)
            .build();

    pusher.trigger("my-channel", "my-event", "{}");
    pusher.triggerBatch(List.of(Event.of("my-channel", "my-event", "{}")));
    pusher.channels();
    pusher.channel("my-channel");
    pusher.users("presence-room");
    pusher.sendToUser("user-1", "my-event", "{}");
    pusher.terminateUserConnections("user-1");
    pusher.notify(List.of("news"), PushNotification.fcm(java.util.Map.of("notification", "hi")));

    List<CallKind> expected =
        List.of(
            CallKind.TRIGGER,
            CallKind.BATCH,
            CallKind.CHANNELS,
            CallKind.CHANNEL,
            CallKind.USERS,
            CallKind.SEND_TO_USER,
            CallKind.TERMINATE,
            CallKind.NOTIFY);
    assertThat(recorder.startKinds).isEqualTo(expected);
    assertThat(recorder.ends).extracting(RequestListener.Attempt::kind).isEqualTo(expected);
    assertThat(expected)
        .extracting(CallKind::tagValue)
        .containsExactly(
            "trigger",
            "batch",
            "channels",
            "channel",
            "users",
            "send-to-user",
            "terminate",
            "notify");
  }

  @Test
  void reportsTheLastFailedAttemptAsNotRetried() {
    server.setFallback(respond(503, "{}"));
    pusher = clientOf(server).requestListener(recorder).build();

    catchThrowable(() -> pusher.trigger("my-channel", "my-event", "{}"));

    assertThat(recorder.ends)
        .extracting(RequestListener.Attempt::willRetry)
        .containsExactly(true, true, false);
  }

  @Test
  void reportsAFailureWithoutAnswerWithoutStatus() {
    pusher =
        clientOf(FaultyServer.closedPort())
            .retryPolicy(RetryPolicy.none())
            .requestListener(recorder)
            .build();

    catchThrowable(() -> pusher.channels());

    assertThat(recorder.starts).containsExactly("GET /apps/1/channels #1");
    RequestListener.Attempt end = recorder.ends.get(0);
    assertThat(end.status()).isEmpty();
    assertThat(end.failure()).get().isInstanceOf(TransportException.class);
    assertThat(end.willRetry()).isFalse();
  }

  @Test
  void reportsATimeoutWithItsLatency() {
    server.setFallback(neverAnswer());
    Duration timeout = Duration.ofMillis(300);
    pusher =
        clientOf(server)
            .timeout(timeout)
            .retryPolicy(RetryPolicy.none())
            .requestListener(recorder)
            .build();

    catchThrowable(() -> pusher.trigger("my-channel", "my-event", "{}"));

    RequestListener.Attempt end = recorder.ends.get(0);
    assertThat(end.failure()).get().isInstanceOf(RequestTimeoutException.class);
    assertThat(end.latency()).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plus(MARGIN));
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheCall() {
    pusher =
        clientOf(server)
            .requestListener(
                new RequestListener() {
                  @Override
                  public void onStart(CallKind kind, String method, String path, int attempt) {
                    throw new IllegalStateException("broken listener");
                  }

                  @Override
                  public void onEnd(Attempt attempt) {
                    throw new IllegalStateException("broken listener");
                  }
                })
            .build();

    assertThat(pusher.trigger("my-channel", "my-event", "{}").channels()).isEmpty();
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void reportsTheEndOfAnAttemptWhoseTransportThrowsAnUncheckedException() {
    HttpTransport broken =
        request -> {
          throw new IllegalStateException("bug in a transport");
        };
    pusher = clientOf(server).transport(broken).requestListener(recorder).build();

    Throwable thrown = catchThrowable(() -> pusher.trigger("my-channel", "my-event", "{}"));

    // Reported as a PusherException like every other failure; not retried: it may have been sent.
    assertThat(thrown)
        .isExactlyInstanceOf(TransportException.class)
        .hasMessageContaining("bug in a transport")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(((TransportException) thrown).requestSent()).isTrue();
    assertThat(recorder.starts).hasSize(1);
    assertThat(recorder.ends).hasSize(1);
    assertThat(recorder.ends.get(0).failure()).containsSame((PusherException) thrown);
  }
}
