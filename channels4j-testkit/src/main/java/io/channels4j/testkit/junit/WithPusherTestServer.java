package io.channels4j.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a {@link io.channels4j.testkit.PusherTestServer} with default settings for a test class and
 * injects it, and a client configured for it, into test and lifecycle method parameters of type
 * {@code PusherTestServer} and {@code io.channels4j.Pusher}.
 *
 * <pre>{@code
 * @WithPusherTestServer
 * class OrdersTest {
 *   @Test
 *   void publishesTheOrder(PusherTestServer server, Pusher pusher) { ... }
 * }
 * }</pre>
 *
 * <p>To configure the server, register {@link PusherTestServerExtension#withServer} with
 * {@code @RegisterExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PusherTestServerExtension.class)
public @interface WithPusherTestServer {
  /**
   * How long a server lives.
   *
   * @return one per class (the default, reset after each test) or one per test
   */
  ServerLifecycle value() default ServerLifecycle.PER_CLASS;
}
