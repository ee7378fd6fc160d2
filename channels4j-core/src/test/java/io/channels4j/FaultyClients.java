package io.channels4j;

import io.channels4j.spi.tck.FaultyServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** Clients pointed at a {@link FaultyServer}, and small tools the resilience tests share. */
final class FaultyClients {
  /** Retries quickly, so that retry tests stay fast. */
  static final RetryPolicy FAST_RETRIES =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50));

  /**
   * How late a timeout, a cancel or an interrupt may take effect. Generous because a loaded 2-core
   * CI machine can stall a thread for a second; a hang still fails.
   */
  static final Duration MARGIN = Duration.ofSeconds(2);

  private FaultyClients() {}

  /**
   * A builder for a plain-HTTP client of app 1 on the server.
   *
   * @param server the server
   * @return the builder, with fast retries
   */
  static Pusher.Builder clientOf(FaultyServer server) {
    return clientOf(server.port());
  }

  static Pusher.Builder clientOf(int port) {
    return Pusher.builder()
        .appId("1")
        .key("test-key")
        .secret("test-secret")
        .host("127.0.0.1")
        .port(port)
        .useTls(false)
        .retryPolicy(FAST_RETRIES);
  }

  /** Runs something and says how long it took. */
  record Timed<T>(T value, Throwable thrown, Duration took) {
    static <T> Timed<T> of(Callable<T> body) {
      long start = System.nanoTime();
      try {
        T value = body.call();
        return new Timed<>(value, null, Duration.ofNanos(System.nanoTime() - start));
      } catch (Throwable t) {
        return new Timed<>(null, t, Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  /** A clock that moves {@code step} forward each time it is read, so each signature differs. */
  static final class AdvancingClock extends Clock {
    private final AtomicLong millis;
    private final long stepMillis;

    AdvancingClock(Instant start, Duration step) {
      this.millis = new AtomicLong(start.toEpochMilli());
      this.stepMillis = step.toMillis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.getAndAdd(stepMillis));
    }

    @Override
    public long millis() {
      return millis.getAndAdd(stepMillis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
