package io.channels4j.bulk;

import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.ValidationException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Publishes many events with as few requests as the server's {@link BulkLimits} allow, at most
 * {@code concurrency} requests at a time on the client's async path, paced by a {@link Throttle},
 * and reports the {@link Outcome} of every item. Immutable and thread-safe: one publisher can run
 * several inputs at once (they share its throttle).
 *
 * <pre>{@code
 * BulkPublisher bulk = BulkPublisher.builder(pusher).concurrency(16).build();
 * BulkReport report = bulk.publish(BulkItem.toChannels(channels, "refresh", "{}"));
 * bulk.publish(report.toResend(false).iterator()); // only what surely did not go
 * }</pre>
 *
 * <p><b>Memory.</b> The input is read lazily, on one thread, only as fast as requests go out: a run
 * holds at most {@code concurrency} requests in flight and {@code concurrency} packed ahead, plus
 * the one being packed, whatever the length of the input; plus the failed items, unless {@link
 * Builder#onFailedItem} takes them instead. A completing request starts the next packed one on its
 * own thread; the reading thread wakes only to pack more, once half of those are gone.
 *
 * <p><b>Delivery.</b> A request is sent again only when its failure proves it was not delivered
 * (never sent, 429, 503), at most {@code maxAttempts} times in all, after the server's {@code
 * Retry-After} or an exponential backoff during which every run of the throttle pauses. Nothing
 * else is retried, so nothing is sent twice on the publisher's initiative. The client's own {@link
 * RetryPolicy} is not used by bulk runs. Order: the input order is kept within each request and
 * requests start in input order; with {@code concurrency(1)} and no retry, the events of a channel
 * arrive in input order.
 */
public final class BulkPublisher {
  final Pusher client;
  final BulkLimits limits;
  final int concurrency;
  final Throttle throttle;
  final int maxAttempts;
  final Duration initialBackoff;
  final Duration maxBackoff;
  final Consumer<BulkProgress> onProgress;
  final Duration progressInterval;
  final Consumer<FailedItem> onFailedItem;

  private BulkPublisher(Builder b) {
    // The same transport and executor, without the client's retries: the run decides them.
    this.client = b.pusher.newBuilder().retryPolicy(RetryPolicy.none()).build();
    this.limits = b.limits;
    this.concurrency = b.concurrency;
    this.throttle = b.throttle;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.onProgress = b.onProgress;
    this.progressInterval = b.progressInterval;
    this.onFailedItem = b.onFailedItem;
  }

  /**
   * Starts configuring a publisher that sends with {@code pusher} (its transport, executor, timeout
   * and payload encoder).
   *
   * @param pusher the client
   * @return a builder
   */
  public static Builder builder(Pusher pusher) {
    return new Builder(pusher);
  }

  /**
   * Publishes every item, on the calling thread, and returns when each has an outcome. Interrupting
   * the thread cancels the run (see {@link BulkRun#cancel()}).
   *
   * @param items the items, read once, lazily
   * @return the report
   */
  public BulkReport publish(Iterator<? extends BulkItem> items) {
    BulkRun run = new BulkRun(this, items);
    run.run();
    return run.report().join();
  }

  /**
   * Publishes every item of a stream, on the calling thread.
   *
   * @param items the items, read once, lazily
   * @return the report
   */
  public BulkReport publish(Stream<? extends BulkItem> items) {
    try (Stream<? extends BulkItem> s = items) {
      Spliterator<? extends BulkItem> split = s.spliterator();
      return publish(java.util.Spliterators.iterator(split));
    }
  }

  /**
   * Sends one event to every channel of {@code channels}, packed into triggers.
   *
   * @param channels the channels, read lazily
   * @param event the event name
   * @param data the payload
   * @return the report
   */
  public BulkReport fanOut(Iterable<String> channels, String event, Object data) {
    return publish(BulkItem.toChannels(channels, event, data));
  }

  /**
   * Sends one event to every user of {@code userIds}.
   *
   * @param userIds the users, read lazily
   * @param event the event name
   * @param data the payload
   * @return the report
   */
  public BulkReport sendToUsers(Iterable<String> userIds, String event, Object data) {
    return publish(BulkItem.toUsers(userIds, event, data));
  }

  /**
   * Starts publishing on a new thread of its own and returns at once.
   *
   * @param items the items, read once, lazily, on that thread
   * @return the run: its progress, its report, and a way to cancel it
   */
  public BulkRun start(Iterator<? extends BulkItem> items) {
    BulkRun run = new BulkRun(this, items);
    Thread t = new Thread(run::run, "channels4j-bulk");
    t.setDaemon(true);
    t.start();
    return run;
  }

  /** Shows the settings. */
  @Override
  public String toString() {
    return "BulkPublisher[concurrency="
        + concurrency
        + ", "
        + throttle
        + ", "
        + limits
        + ", maxAttempts="
        + maxAttempts
        + "]";
  }

  /** Configures a {@link BulkPublisher}. */
  public static final class Builder {
    private final Pusher pusher;
    private BulkLimits limits = BulkLimits.pusherService();
    private int concurrency = 16;
    private Throttle throttle = Throttle.unlimited();
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Consumer<BulkProgress> onProgress;
    private Duration progressInterval = Duration.ofMillis(200);
    private Consumer<FailedItem> onFailedItem;

    private Builder(Pusher pusher) {
      this.pusher = Objects.requireNonNull(pusher, "pusher");
    }

    /**
     * Sets the server's limits. Default {@link BulkLimits#pusherService()}.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(BulkLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets how many requests are in flight at once. Default 16. Above the client's {@code
     * maxRequestsInFlight}, requests wait in the client's queue.
     *
     * @param concurrency 1 to 1024
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 1024) {
        throw new ValidationException("concurrency must be 1 to 1024, but is " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Sets the rate limit, shared with every publisher given the same throttle. Default {@link
     * Throttle#unlimited()} (one of its own, still paused by 429 answers).
     *
     * @param throttle the throttle
     * @return this builder
     */
    public Builder throttle(Throttle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /**
     * Sets how often a request that surely was not delivered (not sent, 429, 503) is tried in all.
     * Default 5.
     *
     * @param maxAttempts 1 to 20 (1: no retry)
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new ValidationException("maxAttempts must be 1 to 20, but is " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff: the pause after a failure without {@code Retry-After} doubles from {@code
     * initial} up to {@code max} (with jitter); a {@code Retry-After} longer than {@code max} is
     * not waited for (the items are reported not delivered). Default 200 ms to 10 s.
     *
     * @param initial the first pause
     * @param max the longest pause
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.isNegative() || max.compareTo(initial) < 0 || max.toMinutes() > 10) {
        throw new ValidationException(
            "backoff must satisfy 0 <= initial <= max <= 10 minutes, but is "
                + initial
                + " and "
                + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Receives progress snapshots, at most once per {@code interval} and once at the end. Called
     * from the run's threads, one call at a time; keep it quick.
     *
     * @param listener the listener
     * @param interval the least time between two calls
     * @return this builder
     */
    public Builder onProgress(Consumer<BulkProgress> listener, Duration interval) {
      this.onProgress = Objects.requireNonNull(listener, "listener");
      this.progressInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Streams each failed item to {@code consumer} (e.g. to a file) instead of keeping it in the
     * report, so memory stays flat even when everything fails. Called one call at a time. An item
     * the consumer throws on is kept in the report instead.
     *
     * @param consumer the consumer
     * @return this builder
     */
    public Builder onFailedItem(Consumer<FailedItem> consumer) {
      this.onFailedItem = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    /**
     * Builds the publisher.
     *
     * @return the publisher
     */
    public BulkPublisher build() {
      return new BulkPublisher(this);
    }
  }
}
