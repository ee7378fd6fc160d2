package io.channels4j.spring.boot.actuate;

import io.channels4j.Pusher;
import io.channels4j.spring.boot.PusherAutoConfiguration;
import io.channels4j.spring.boot.PusherProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the health indicator {@code pusher} when {@code pusher.health.enabled=true}, with the
 * health API of whichever Spring Boot line runs: 4.0's when present, else 3.5's.
 */
@AutoConfiguration(after = PusherAutoConfiguration.class)
@ConditionalOnBean(Pusher.class)
@ConditionalOnProperty(prefix = "pusher.health", name = "enabled", havingValue = "true")
public class PusherHealthAutoConfiguration {

  /** Creates the auto-configuration. */
  public PusherHealthAutoConfiguration() {}

  /** Spring Boot 4: org.springframework.boot.health.contributor. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4 {
    @Bean
    @ConditionalOnMissingBean(name = "pusherHealthIndicator")
    Boot4PusherHealthIndicator pusherHealthIndicator(Pusher pusher, PusherProperties properties) {
      return new Boot4PusherHealthIndicator(pusher, properties.getHealth().getChannel());
    }
  }

  /** Spring Boot 3.5: org.springframework.boot.actuate.health, without Boot 4's API. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot3 {
    @Bean
    @ConditionalOnMissingBean(name = "pusherHealthIndicator")
    Boot3PusherHealthIndicator pusherHealthIndicator(Pusher pusher, PusherProperties properties) {
      return new Boot3PusherHealthIndicator(pusher, properties.getHealth().getChannel());
    }
  }
}
