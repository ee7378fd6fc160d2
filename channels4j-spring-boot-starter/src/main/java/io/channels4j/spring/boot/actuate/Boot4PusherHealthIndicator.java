package io.channels4j.spring.boot.actuate;

import io.channels4j.Pusher;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The health indicator on Spring Boot 4.0. */
final class Boot4PusherHealthIndicator implements HealthIndicator {
  private final PusherHealthCheck check;

  Boot4PusherHealthIndicator(Pusher pusher, String channel) {
    this.check = new PusherHealthCheck(pusher, channel);
  }

  @Override
  public Health health() {
    PusherHealthCheck.Result r = check.check();
    return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
  }
}
