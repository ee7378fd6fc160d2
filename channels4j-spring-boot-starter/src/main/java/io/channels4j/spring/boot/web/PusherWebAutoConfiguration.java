package io.channels4j.spring.boot.web;

import io.channels4j.Pusher;
import io.channels4j.spring.boot.PusherAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The optional endpoints of a servlet web application, each off until its {@code
 * pusher.endpoints.*.enabled} is true.
 */
@AutoConfiguration(after = PusherAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(Pusher.class)
public class PusherWebAutoConfiguration {

  /** Creates the auto-configuration. */
  public PusherWebAutoConfiguration() {}

  /**
   * The channel authorization endpoint.
   *
   * @param pusher the client
   * @param policy the application's policy
   * @return the endpoint
   */
  @Bean
  @ConditionalOnProperty(
      prefix = "pusher.endpoints.channel-auth",
      name = "enabled",
      havingValue = "true")
  public ChannelAuthorizationEndpoint pusherChannelAuthorizationEndpoint(
      Pusher pusher, ObjectProvider<PusherAccessPolicy> policy) {
    return new ChannelAuthorizationEndpoint(pusher, policy);
  }

  /**
   * The user authentication endpoint.
   *
   * @param pusher the client
   * @param policy the application's policy
   * @return the endpoint
   */
  @Bean
  @ConditionalOnProperty(
      prefix = "pusher.endpoints.user-auth",
      name = "enabled",
      havingValue = "true")
  public UserAuthenticationEndpoint pusherUserAuthenticationEndpoint(
      Pusher pusher, ObjectProvider<PusherAccessPolicy> policy) {
    return new UserAuthenticationEndpoint(pusher, policy);
  }

  /**
   * The webhook endpoint.
   *
   * @param pusher the client
   * @param publisher the event publisher
   * @return the endpoint
   */
  @Bean
  @ConditionalOnProperty(
      prefix = "pusher.endpoints.webhook",
      name = "enabled",
      havingValue = "true")
  public WebhookEndpoint pusherWebhookEndpoint(Pusher pusher, ApplicationEventPublisher publisher) {
    return new WebhookEndpoint(pusher, publisher);
  }
}
