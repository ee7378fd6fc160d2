package io.channels4j.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link PusherPropertiesException} into Spring Boot's startup failure report. */
class PusherPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<PusherPropertiesException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PusherPropertiesException cause) {
    return new FailureAnalysis(
        "channels4j could not create its Pusher client: " + cause.getMessage(),
        "Set "
            + cause.property()
            + " correctly, or set pusher.url=https://KEY:SECRET@HOST[:PORT]/apps/APP_ID, or define"
            + " your own Pusher bean.",
        cause);
  }
}
