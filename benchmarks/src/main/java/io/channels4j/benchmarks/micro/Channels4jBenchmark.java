package io.channels4j.benchmarks.micro;

import static io.channels4j.benchmarks.BenchInputs.APP_ID;
import static io.channels4j.benchmarks.BenchInputs.KEY;
import static io.channels4j.benchmarks.BenchInputs.PRESENCE_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.PRIVATE_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.SECRET;
import static io.channels4j.benchmarks.BenchInputs.SOCKET_ID;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_DATA_OBJECT;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_EVENT;
import static io.channels4j.benchmarks.BenchInputs.USER_ID;
import static io.channels4j.benchmarks.BenchInputs.USER_INFO;
import static io.channels4j.benchmarks.BenchInputs.WEBHOOK_BODY_BYTES;
import static io.channels4j.benchmarks.BenchInputs.WEBHOOK_SIGNATURE;

import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.TriggerResult;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserData;
import io.channels4j.benchmarks.BenchInputs;
import io.channels4j.benchmarks.Json;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * channels4j on the operations a server does per request, with the method names of {@link
 * PusherHttpJavaBenchmark}, which the report pairs by name.
 *
 * <p>Every input is the official benchmark's: the presence member and the sign-in user are built
 * per call from {@link BenchInputs#USER_ID} and {@link BenchInputs#USER_INFO}, and the trigger's
 * payload is the Java map {@link BenchInputs#TRIGGER_DATA_OBJECT}, which both libraries serialise
 * to JSON themselves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Channels4jBenchmark {

  private Pusher pusher;
  private CapturingTransport transport;

  /** Creates the benchmark; JMH calls it. */
  public Channels4jBenchmark() {}

  /** Builds the client and checks that every operation produces a correct result. */
  @Setup
  public void setUp() {
    transport = new CapturingTransport();
    pusher =
        Pusher.builder()
            .appId(APP_ID)
            .key(KEY)
            .secret(SECRET)
            .host("127.0.0.1")
            .port(9)
            .useTls(false)
            .transport(transport)
            .retryPolicy(RetryPolicy.none())
            .build();
    MicroChecks.privateAuth(privateAuth());
    MicroChecks.presenceAuth(presenceAuth());
    MicroChecks.userAuth(userAuth());
    if (!checkWebhookSignature().isValid()) {
      throw new IllegalStateException("channels4j refuses the benchmark webhook's signature");
    }
    Webhook webhook = verifyWebhook();
    if (webhook.events().size() != 5) {
      throw new IllegalStateException("channels4j read the benchmark webhook as " + webhook);
    }
    buildSignedTrigger();
    HttpRequest sent = transport.last;
    if (!Json.parse(new String(sent.body(), StandardCharsets.UTF_8))
        .equals(Json.parse(BenchInputs.TRIGGER_BODY))) {
      throw new IllegalStateException(
          "channels4j built another trigger body: "
              + new String(sent.body(), StandardCharsets.UTF_8));
    }
    MicroChecks.signedTrigger(
        sent.method(),
        sent.uri().getRawPath(),
        sent.uri().getRawQuery(),
        new String(sent.body(), StandardCharsets.UTF_8));
  }

  /** Closes the client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pusher.close();
  }

  /**
   * Private-channel authorization: the JSON response body for the client.
   *
   * @return {@code {"auth":"key:signature"}}
   */
  @Benchmark
  public String privateAuth() {
    return pusher.authorizeChannel(SOCKET_ID, PRIVATE_CHANNEL).toJson();
  }

  /**
   * Presence-channel authorization; the member is created per call, as in the official benchmark.
   *
   * @return {@code {"auth":...,"channel_data":...}}
   */
  @Benchmark
  public String presenceAuth() {
    return pusher
        .authorizeChannel(SOCKET_ID, PRESENCE_CHANNEL, PresenceMember.of(USER_ID, USER_INFO))
        .toJson();
  }

  /**
   * User authentication (sign-in); the user is created per call. The official library has no such
   * API.
   *
   * @return {@code {"auth":...,"user_data":...}}
   */
  @Benchmark
  public String userAuth() {
    return pusher
        .authenticateUser(
            SOCKET_ID, new UserData(USER_ID, Optional.<Object>of(USER_INFO), List.of()))
        .toJson();
  }

  /**
   * Webhook check of the ~1 KB body: key, constant-time HMAC comparison, and, unlike the official
   * library's {@code validateWebhookSignature}, the body parsed into typed events.
   *
   * @return the verified webhook with its five events
   */
  @Benchmark
  public Webhook verifyWebhook() {
    return pusher.verifyWebhook(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY_BYTES);
  }

  /**
   * The signature-only webhook check ({@code checkWebhookSignature}): key, constant-time HMAC
   * comparison, no parsing; the same work as the official {@code validateWebhookSignature}.
   *
   * @return valid
   */
  @Benchmark
  public WebhookSignature checkWebhookSignature() {
    return pusher.checkWebhookSignature(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY_BYTES);
  }

  /**
   * What an application does with a webhook: the same call as {@link #verifyWebhook()}, which
   * checks the signature and reads the events; paired with the official library's signature check
   * plus a Gson parse of the body.
   *
   * @return the verified webhook with its five events
   */
  @Benchmark
  public Webhook verifyAndReadWebhook() {
    return pusher.verifyWebhook(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY_BYTES);
  }

  /**
   * Builds and signs a trigger through the public API: {@code trigger(channel, event, data)} on a
   * client whose transport keeps the request in memory and answers 200 {@code {}}. This runs
   * validation, payload serialisation (the core's streaming writer), the body, {@code body_md5},
   * the signature and the URI, and also the client's response handling (status, JSON parse,
   * result), which the official benchmark's I/O hook skips: slightly more work than the official
   * side.
   *
   * @return the trigger result
   */
  @Benchmark
  public TriggerResult buildSignedTrigger() {
    return pusher.trigger(TRIGGER_CHANNEL, TRIGGER_EVENT, TRIGGER_DATA_OBJECT);
  }

  /** Keeps the last request in memory and answers every request with 200 {@code {}}. */
  private static final class CapturingTransport implements HttpTransport {
    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final Map<String, String> HEADERS = Map.of("content-type", "application/json");

    volatile HttpRequest last;

    @Override
    public HttpResponse send(HttpRequest request) {
      last = request;
      return new HttpResponse(200, HEADERS, EMPTY_OBJECT);
    }
  }
}
