package io.channels4j.spring.boot.actuate;

import io.channels4j.Pusher;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The health indicator on Spring Boot 3.5. */
final class Boot3PusherHealthIndicator implements HealthIndicator {
  private final PusherHealthCheck check;

  Boot3PusherHealthIndicator(Pusher pusher, String channel) {
    this.check = new PusherHealthCheck(pusher, channel);
  }

  @Override
  public Health health() {
    PusherHealthCheck.Result r = check.check();
    return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
  }
}
