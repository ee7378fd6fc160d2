package io.channels4j.spring.boot;

import io.channels4j.Pusher;

/**
 * Adjusts the builder of the auto-configured {@link Pusher} after the {@code pusher.*} properties
 * are applied, for settings that have no property (a transport, a clock, a payload encoder).
 * Declare beans of this type; they run in {@link org.springframework.core.annotation.Order} order.
 * Declare a {@link io.channels4j.RequestListener} as a bean rather than setting one here: a
 * listener set here replaces every listener bean, the Micrometer one included.
 */
@FunctionalInterface
public interface PusherBuilderCustomizer {
  /**
   * Adjusts the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(Pusher.Builder builder);
}
