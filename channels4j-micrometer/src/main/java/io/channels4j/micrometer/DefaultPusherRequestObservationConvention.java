package io.channels4j.micrometer;

import io.channels4j.ApiException;
import io.channels4j.RequestTimeoutException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags: observation {@value #NAME} (so the timer {@code
 * channels4j.requests}), contextual (span) name {@code pusher KIND}, and the low-cardinality tags
 * {@value #CALL}, {@value #METHOD}, {@value #OUTCOME} and {@value #STATUS}. The attempt number is a
 * high-cardinality value (spans only). Channel names and user ids, which the request path carries,
 * are never recorded.
 */
public class DefaultPusherRequestObservationConvention
    implements PusherRequestObservationConvention {

  /** The observation name. */
  public static final String NAME = "channels4j.requests";

  /**
   * Tag: the call kind ({@code trigger}, {@code batch}, ... see {@link io.channels4j.CallKind}).
   */
  public static final String CALL = "pusher.call";

  /** Tag: the HTTP method. */
  public static final String METHOD = "http.method";

  /**
   * Tag: {@code SUCCESS}, {@code CLIENT_ERROR} (4xx, or a 4xx code in an HTTP 200 refusal as soketi
   * sends it), {@code SERVER_ERROR} (5xx), {@code TIMEOUT}, {@code TRANSPORT_ERROR} (no answer) or
   * {@code UNKNOWN} (still running, or another answer).
   */
  public static final String OUTCOME = "outcome";

  /** Tag: the status class, {@code 2xx} ... {@code 5xx}, or {@code NONE} without an answer. */
  public static final String STATUS = "status";

  /** High-cardinality value: the attempt number. */
  public static final String ATTEMPT = "pusher.attempt";

  /** Creates the default convention. */
  public DefaultPusherRequestObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(PusherRequestContext context) {
    return "pusher " + context.kind().tagValue();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(PusherRequestContext context) {
    return KeyValues.of(
        KeyValue.of(CALL, context.kind().tagValue()),
        KeyValue.of(METHOD, context.method()),
        KeyValue.of(OUTCOME, outcome(context)),
        KeyValue.of(STATUS, statusClass(context)));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(PusherRequestContext context) {
    return KeyValues.of(ATTEMPT, Integer.toString(context.attempt()));
  }

  /** The status that decided the outcome: a refusal's code wins over the HTTP 200 it came with. */
  private static int effectiveStatus(PusherRequestContext context) {
    if (context.failure().orElse(null) instanceof ApiException api) {
      return api.status();
    }
    return context.status().orElse(0);
  }

  private static String outcome(PusherRequestContext context) {
    if (!context.ended()) {
      return "UNKNOWN";
    }
    if (context.failure().isEmpty()) {
      return "SUCCESS";
    }
    if (context.failure().get() instanceof RequestTimeoutException) {
      return "TIMEOUT";
    }
    int status = effectiveStatus(context);
    if (status == 0) {
      return "TRANSPORT_ERROR";
    }
    if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    }
    if (status >= 500 && status < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }

  private static String statusClass(PusherRequestContext context) {
    int status = effectiveStatus(context);
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "NONE";
  }
}
