package io.channels4j.micrometer;

import io.channels4j.CallKind;
import io.channels4j.RequestListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * A {@link RequestListener} that observes every HTTP attempt of a channels4j client through the
 * Micrometer Observation API, so that one instrumentation gives a timer per attempt (with a {@code
 * DefaultMeterObservationHandler}) and a client span per attempt (with a tracing bridge), and
 * counts retries in the counter {@value #RETRIES} (tags {@code pusher.call} and {@code
 * http.method}).
 *
 * <p>Each attempt is one observation, started and stopped on the thread that makes it (the
 * listener's contract) and in scope meanwhile. Thread-safe; share one instance between clients.
 */
public final class ObservingRequestListener implements RequestListener {
  /** The name of the retry counter. */
  public static final String RETRIES = "channels4j.requests.retries";

  private static final PusherRequestObservationConvention DEFAULT =
      new DefaultPusherRequestObservationConvention();

  private final ObservationRegistry observations;
  private final MeterRegistry meters;
  private final PusherRequestObservationConvention convention;

  /** The observation of the attempt running on this thread; attempts never nest on a thread. */
  private final ThreadLocal<Running> running = new ThreadLocal<>();

  private record Running(Observation observation, Observation.Scope scope) {}

  /**
   * Observes with the default convention.
   *
   * @param observations where observations go
   * @param meters where the retry counter goes
   */
  public ObservingRequestListener(ObservationRegistry observations, MeterRegistry meters) {
    this(observations, meters, null);
  }

  /**
   * Observes with a convention of the caller's.
   *
   * @param observations where observations go
   * @param meters where the retry counter goes
   * @param convention names and tags observations, or null for the default
   */
  public ObservingRequestListener(
      ObservationRegistry observations,
      MeterRegistry meters,
      PusherRequestObservationConvention convention) {
    this.observations = Objects.requireNonNull(observations, "observations");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.convention = convention;
  }

  @Override
  public void onStart(CallKind kind, String method, String path, int attempt) {
    // The path carries channel names and user ids: deliberately not recorded.
    PusherRequestContext context = new PusherRequestContext(kind, method, attempt);
    Observation observation =
        Observation.createNotStarted(convention, DEFAULT, () -> context, observations).start();
    running.set(new Running(observation, observation.openScope()));
  }

  @Override
  public void onEnd(Attempt attempt) {
    Running current = running.get();
    running.remove();
    if (attempt.willRetry()) {
      Counter.builder(RETRIES)
          .description("Attempts of channels4j HTTP API calls that failed and are retried")
          .tag(DefaultPusherRequestObservationConvention.CALL, attempt.kind().tagValue())
          .tag(DefaultPusherRequestObservationConvention.METHOD, attempt.method())
          .register(meters)
          .increment();
    }
    if (current == null) {
      return; // started before this listener was in place
    }
    if (current.observation().getContext() instanceof PusherRequestContext context) {
      context.end(
          attempt.status().orElse(null), attempt.failure().orElse(null), attempt.willRetry());
    }
    current.scope().close();
    current.observation().stop();
  }
}
