package io.channels4j.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a channels4j HTTP attempt. Implement it to change the name or
 * tags; {@link DefaultPusherRequestObservationConvention} is the default.
 */
public interface PusherRequestObservationConvention
    extends ObservationConvention<PusherRequestContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof PusherRequestContext;
  }
}
