package io.channels4j.benchmarks.load.contenders;

import io.channels4j.Pusher;
import io.channels4j.TriggerResult;
import io.channels4j.benchmarks.BenchInputs;
import io.channels4j.benchmarks.load.Contender;
import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.Target;
import io.channels4j.spi.HttpTransport;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;

/**
 * channels4j's {@link Pusher}, with one of the transports it ships: blocking {@code trigger} at
 * concurrency 1, {@code async().trigger} above (the client's own executor, {@code
 * maxRequestsInFlight} set to the concurrency). Every call validates, writes the body, signs and
 * sends the trigger, then reads and parses the answer; a status other than 2xx throws.
 *
 * <p>The payload is {@link BenchInputs#TRIGGER_DATA_JSON}, a String, which channels4j sends as the
 * {@code data} field verbatim (the official library serialises its map with Gson, a few hundred
 * nanoseconds per request).
 */
public final class Channels4jContender implements Contender {

  /** The transports channels4j ships. */
  public enum Transport {
    /** The default: {@code HttpTransport.pooledSockets}, used when the builder gets none. */
    POOLED_SOCKETS,
    /** {@code HttpTransport.jdkHttpClient} over a {@code java.net.http.HttpClient} (HTTP/1.1). */
    JDK_HTTP_CLIENT
  }

  private final boolean blockingOnly;

  private final Transport transport;
  private volatile Pusher pusher;

  /**
   * Creates the contender.
   *
   * @param transport the transport to build the client with
   */
  public Channels4jContender(Transport transport) {
    this(transport, false);
  }

  /**
   * Creates the contender.
   *
   * @param transport the transport to build the client with
   * @param blockingOnly blocking {@code trigger} at every concurrency (from that many threads): the
   *     reference the async path is compared with at c=32
   */
  public Channels4jContender(Transport transport, boolean blockingOnly) {
    this.transport = transport;
    this.blockingOnly = blockingOnly;
  }

  @Override
  public String name() {
    if (blockingOnly) {
      return "channels4j-blocking";
    }
    return transport == Transport.POOLED_SOCKETS ? "channels4j" : "channels4j-jdk-httpclient";
  }

  @Override
  public String description() {
    if (blockingOnly) {
      return "channels4j Pusher, default transport, blocking trigger from every thread at every"
          + " concurrency (the async path's reference)";
    }
    return transport == Transport.POOLED_SOCKETS
        ? "channels4j Pusher, default transport (HttpTransport.pooledSockets); trigger at c=1,"
            + " async().trigger above, maxRequestsInFlight = concurrency"
        : "channels4j Pusher, HttpTransport.jdkHttpClient(java.net.http.HttpClient, HTTP/1.1);"
            + " trigger at c=1, async().trigger above, maxRequestsInFlight = concurrency";
  }

  @Override
  public Family family() {
    return Family.CHANNELS4J;
  }

  @Override
  public Drive drive(int concurrency) {
    if (blockingOnly) {
      return concurrency == 1 ? Drive.SKIP : Drive.BLOCKING;
    }
    return concurrency == 1 ? Drive.BLOCKING : Drive.ASYNC;
  }

  @Override
  public void setUp(Target target, int concurrency) {
    Pusher.Builder b =
        Pusher.builder()
            .appId(target.appId())
            .key(target.key())
            .secret(target.secret())
            .host(target.host())
            .port(target.port())
            .useTls(false)
            .maxRequestsInFlight(concurrency);
    if (transport == Transport.JDK_HTTP_CLIENT) {
      // HTTP/1.1: the default (HTTP/2) adds an h2c upgrade offer to every cleartext request.
      b.transport(
          HttpTransport.jdkHttpClient(
              HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()));
    }
    pusher = b.build();
  }

  @Override
  public void send() {
    check(
        pusher.trigger(
            BenchInputs.TRIGGER_CHANNEL, BenchInputs.TRIGGER_EVENT, BenchInputs.TRIGGER_DATA_JSON));
  }

  @Override
  public CompletableFuture<?> sendAsync() {
    return pusher
        .async()
        .trigger(
            BenchInputs.TRIGGER_CHANNEL, BenchInputs.TRIGGER_EVENT, BenchInputs.TRIGGER_DATA_JSON);
  }

  @Override
  public void close() {
    Pusher p = pusher;
    pusher = null;
    if (p != null) {
      // Closes the default transport and the executor; a JDK 17 HttpClient has no close() and
      // ends its selector thread once unreachable.
      p.close();
    }
  }

  /** A result exists only for a 2xx answer whose body parsed; anything else has thrown. */
  private static void check(TriggerResult result) {
    if (result == null) {
      throw new IllegalStateException("trigger returned no result");
    }
  }
}
