package io.channels4j.guide;

import static io.channels4j.spi.tck.Behaviour.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.ApiException;
import io.channels4j.Pusher;
import io.channels4j.PusherException;
import io.channels4j.RequestListener;
import io.channels4j.RetryPolicy;
import io.channels4j.TriggerResult;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.FaultyServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples of docs/async-retries-transports.md, compiled and run against a local server with
 * the public API only. Keep the two in step.
 */
@Timeout(20)
class AsyncRetriesTransportsGuideTest {
  private final FaultyServer server = FaultyServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private Pusher.Builder builder() {
    return Pusher.builder()
        .appId("123456")
        .key("your-key")
        .secret("your-secret")
        .host("127.0.0.1")
        .port(server.port())
        .useTls(false);
  }

  @Test
  void asyncTrigger() {
    List<String> log = new ArrayList<>();
    try (Pusher pusher = builder().build()) {
      // --- docs: async
      CompletableFuture<TriggerResult> sent =
          pusher.async().trigger("orders", "created", Map.of("id", 42));
      sent.whenComplete(
          (result, error) -> {
            if (error != null) {
              log.add("not sent: " + error.getMessage());
            }
          });
      // ---
      sent.join();
    }
    assertThat(log).isEmpty();
    assertThat(server.takeRequest(Duration.ofSeconds(5)).bodyText())
        .contains("\"channels\":[\"orders\"]", "\"data\":\"{\\\"id\\\":42}\"");
  }

  @Test
  void asyncErrorsAreTheBlockingErrors() {
    server.setFallback(respond(400, "{\"error\":\"bad\"}"));
    int status = 0;
    try (Pusher pusher = builder().build()) {
      // --- docs: async errors
      try {
        pusher.async().trigger("orders", "created", Map.of("id", 42)).join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof ApiException api) {
          status = api.status(); // the same ApiException the blocking call throws
        }
      }
      // ---
    }
    assertThat(status).isEqualTo(400);
  }

  @Test
  void retryPolicyAndTimeout() {
    server.enqueue(respond(503, "{}"), respond(503, "{}"), respond(200, "{}"));
    // --- docs: retry policy
    Pusher pusher =
        builder()
            .timeout(Duration.ofSeconds(2)) // each attempt: connect, TLS, send, read
            .retryPolicy(new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(1)))
            .build();
    // ---
    try (pusher) {
      pusher.trigger("orders", "created", Map.of("id", 42));
    }
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void customRetryCondition() {
    server.enqueue(respond(500, "{}"), respond(200, "{}"));
    // --- docs: retry condition
    // Also retry a POST answered 500, accepting that the event may then be delivered twice.
    RetryPolicy alsoPost500 =
        RetryPolicy.defaults()
            .withCondition(
                (method, failure) ->
                    RetryPolicy.Condition.safe().shouldRetry(method, failure)
                        || (failure instanceof ApiException api && api.status() == 500));
    // ---
    try (Pusher pusher = builder().retryPolicy(alsoPost500).build()) {
      pusher.trigger("orders", "created", Map.of("id", 42));
    }
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void attemptsAreOnTheException() {
    server.setFallback(respond(503, "{}"));
    int attempts = 0;
    try (Pusher pusher =
        builder().retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO)).build()) {
      // --- docs: attempts
      try {
        pusher.trigger("orders", "created", Map.of("id", 42));
      } catch (PusherException e) {
        attempts = e.attempts(); // 3: the first try and two retries
      }
      // ---
    }
    assertThat(attempts).isEqualTo(3);
  }

  @Test
  void backPressure() {
    // --- docs: back-pressure
    Pusher pusher =
        builder()
            .maxRequestsInFlight(32) // async requests sent at once
            .maxQueuedRequests(1_000) // async requests waiting for a slot; more fail at once
            .build();
    // ---
    try (pusher) {
      assertThat(pusher.async().trigger("orders", "created", "{}").join().channels()).isEmpty();
    }
  }

  @Test
  void listener() {
    Map<String, AtomicInteger> byStatus = new HashMap<>();
    // --- docs: listener
    RequestListener metrics =
        new RequestListener() {
          @Override
          public void onEnd(Attempt a) {
            String status = a.status().map(String::valueOf).orElse("no answer");
            byStatus.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            // also: a.path(), a.attempt(), a.latency(), a.failure(), a.willRetry()
          }
        };
    // ---
    server.enqueue(respond(503, "{}"), respond(200, "{}"));
    try (Pusher pusher = builder().requestListener(metrics).build()) {
      pusher.trigger("orders", "created", "{}");
    }
    assertThat(byStatus).containsOnlyKeys("503", "200");
  }

  @Test
  void jdkHttpClientTransport() {
    // --- docs: jdk transport
    HttpClient client =
        HttpClient.newBuilder()
            // .proxy(ProxySelector.of(new InetSocketAddress("proxy.example.com", 3128)))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    Pusher pusher = builder().transport(HttpTransport.jdkHttpClient(client)).build();
    // ---
    try (pusher) {
      assertThat(pusher.trigger("orders", "created", "{}").channels()).isEmpty();
    }
  }

  // --- docs: custom transport
  /** Adds a request id to every request, then lets another transport send it. */
  static final class RequestIdTransport implements HttpTransport {
    private final HttpTransport next;
    private final AtomicInteger ids = new AtomicInteger();

    RequestIdTransport(HttpTransport next) {
      this.next = next;
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
      Map<String, String> headers = new HashMap<>(request.headers());
      headers.put("X-Request-Id", "req-" + ids.incrementAndGet());
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
  }

  // ---

  @Test
  void customTransport() {
    try (HttpTransport transport =
            new RequestIdTransport(
                HttpTransport.pooledSockets(Duration.ofSeconds(2), 16, Duration.ofSeconds(30)));
        Pusher pusher = builder().transport(transport).build()) {
      pusher.trigger("orders", "created", "{}");
    }
    assertThat(server.takeRequest(Duration.ofSeconds(5)).headers())
        .containsEntry("x-request-id", "req-1");
  }
}
