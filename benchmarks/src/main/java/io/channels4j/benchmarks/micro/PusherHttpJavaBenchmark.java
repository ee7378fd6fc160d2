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
import static io.channels4j.benchmarks.BenchInputs.WEBHOOK_BODY;
import static io.channels4j.benchmarks.BenchInputs.WEBHOOK_SIGNATURE;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.pusher.rest.PusherAbstract;
import com.pusher.rest.data.PresenceUser;
import com.pusher.rest.data.Validity;
import io.channels4j.benchmarks.BenchInputs;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The official library, {@code com.pusher:pusher-http-java}, on the operations a server does per
 * request. {@code Channels4jBenchmark} has the same method names, so the report pairs them by name.
 *
 * <p>pusher-http-java has no user authentication (sign-in) API, so there is no {@code userAuth}
 * here; the report shows that row as n/a for the official library.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PusherHttpJavaBenchmark {

  private SignOnlyPusher pusher;

  /** Creates the benchmark; JMH calls it. */
  public PusherHttpJavaBenchmark() {}

  /** Builds the client and checks that every operation produces a correct result. */
  @Setup
  public void setUp() {
    pusher = new SignOnlyPusher();
    MicroChecks.privateAuth(privateAuth());
    MicroChecks.presenceAuth(presenceAuth());
    if (verifyWebhook() != Validity.VALID) {
      throw new IllegalStateException("pusher-http-java rejects the benchmark webhook");
    }
    if (verifyAndReadWebhook().getAsJsonArray("events").size() != 5) {
      throw new IllegalStateException("Gson read the benchmark webhook wrongly");
    }
    URI uri = buildSignedTrigger();
    MicroChecks.signedTrigger("POST", uri.getRawPath(), uri.getRawQuery(), pusher.lastBody);
  }

  /**
   * Private-channel authorization: the JSON response body for the client.
   *
   * @return {@code {"auth":"key:signature"}}
   */
  @Benchmark
  public String privateAuth() {
    return pusher.authenticate(SOCKET_ID, PRIVATE_CHANNEL);
  }

  /**
   * Presence-channel authorization. The member value is created per call, as an application does
   * for each request (its id differs per user).
   *
   * @return {@code {"auth":...,"channel_data":...}}
   */
  @Benchmark
  public String presenceAuth() {
    return pusher.authenticate(SOCKET_ID, PRESENCE_CHANNEL, new PresenceUser(USER_ID, USER_INFO));
  }

  /**
   * Webhook signature check of a ~1 KB body ({@link BenchInputs#WEBHOOK_BODY}).
   *
   * @return {@code VALID}
   */
  @Benchmark
  public Validity verifyWebhook() {
    return pusher.validateWebhookSignature(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY);
  }

  /**
   * The same signature check, paired by name with channels4j's signature-only {@code
   * checkWebhookSignature}.
   *
   * @return {@code VALID}
   */
  @Benchmark
  public Validity checkWebhookSignature() {
    return pusher.validateWebhookSignature(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY);
  }

  /**
   * What an application does with a webhook: checks its signature, then reads its events. The
   * library has no webhook reader, so the body is parsed with the Gson it brings into a JSON tree
   * (less than channels4j's typed events); an invalid signature throws, as an endpoint refuses it.
   *
   * @return the parsed body
   */
  @Benchmark
  public JsonObject verifyAndReadWebhook() {
    if (pusher.validateWebhookSignature(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY) != Validity.VALID) {
      throw new IllegalStateException("invalid webhook");
    }
    return JsonParser.parseString(WEBHOOK_BODY).getAsJsonObject();
  }

  /**
   * Builds and signs a trigger request without sending it.
   *
   * <p>How: {@code trigger(channel, event, data)} on a {@link PusherAbstract} whose {@code doPost}
   * (the one I/O hook) returns the signed URI instead of sending. This runs exactly the library's
   * own trigger path: argument validation, payload serialisation through its DataMarshaller (Gson),
   * body serialisation ({@code TriggerData} through Gson), {@code body_md5}, the HMAC signature and
   * the URI ({@code SignatureUtil.uri}, Apache {@code URIBuilder}). Calling {@code signedUri} with
   * a hand-made body instead would skip the serialisation a real trigger pays for.
   *
   * @return the signed request URI (the body is kept in a field so it cannot be optimised away)
   */
  @Benchmark
  public URI buildSignedTrigger() {
    return pusher.trigger(TRIGGER_CHANNEL, TRIGGER_EVENT, TRIGGER_DATA_OBJECT);
  }

  /** pusher-http-java with its I/O hooks replaced: POST returns the signed URI, sends nothing. */
  private static final class SignOnlyPusher extends PusherAbstract<URI> {
    String lastBody;

    SignOnlyPusher() {
      super(APP_ID, KEY, SECRET);
    }

    @Override
    protected URI doGet(URI uri) {
      return uri;
    }

    @Override
    protected URI doPost(URI uri, String body) {
      lastBody = body;
      return uri;
    }
  }
}
