package io.channels4j.micrometer;

import io.channels4j.Pusher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Gauges of one client's load: {@value #IN_FLIGHT} ({@link Pusher#requestsInFlight()}) and {@value
 * #QUEUED} ({@link Pusher#requestsQueued()}). The gauges hold the client weakly: they do not keep a
 * closed, dropped client alive.
 */
public final class PusherGauges implements MeterBinder {
  /** The gauge of calls in flight. */
  public static final String IN_FLIGHT = "channels4j.requests.in.flight";

  /** The gauge of async calls waiting for a free slot. */
  public static final String QUEUED = "channels4j.requests.queued";

  private final Pusher pusher;
  private final Tags tags;

  /**
   * Gauges of a client, without tags.
   *
   * @param pusher the client
   */
  public PusherGauges(Pusher pusher) {
    this(pusher, Tags.empty());
  }

  /**
   * Gauges of a client, with tags that tell several clients apart (e.g. {@code client=orders}).
   *
   * @param pusher the client
   * @param tags extra tags; keep them low-cardinality
   */
  public PusherGauges(Pusher pusher, Iterable<Tag> tags) {
    this.pusher = Objects.requireNonNull(pusher, "pusher");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(IN_FLIGHT, pusher, Pusher::requestsInFlight)
        .description("channels4j calls started and not finished, retries included")
        .tags(tags)
        .register(registry);
    Gauge.builder(QUEUED, pusher, Pusher::requestsQueued)
        .description("channels4j async calls waiting for a free slot")
        .tags(tags)
        .register(registry);
  }
}
