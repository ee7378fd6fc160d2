package io.channels4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.Pusher;
import io.channels4j.testkit.PusherTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without a PusherAccessPolicy bean, both auth endpoints deny everything; off endpoints 404. */
@SpringBootTest(
    classes = NoAccessPolicyTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "pusher.endpoints.channel-auth.enabled=true",
      "pusher.endpoints.user-auth.enabled=true"
    })
@Timeout(60)
class NoAccessPolicyTest {
  private static final PusherTestServer server = PusherTestServer.start();

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}

  @DynamicPropertySource
  static void pusher(DynamicPropertyRegistry registry) {
    registry.add("pusher.url", server::url);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Value("${local.server.port}")
  int port;

  @Autowired ApplicationContext context;

  @Test
  void deniesChannelAuthorizationAndUserAuthentication() throws Exception {
    HttpResponse<String> channel =
        Forms.post(
            port,
            "/pusher/auth",
            Map.of("socket_id", "1.2", "channel_name", "private-anything"),
            "alice");
    HttpResponse<String> user =
        Forms.post(port, "/pusher/user-auth", Map.of("socket_id", "1.2"), "alice");

    assertThat(channel.statusCode()).isEqualTo(403);
    assertThat(channel.body()).contains("PusherAccessPolicy");
    assertThat(user.statusCode()).isEqualTo(403);
  }

  @Test
  void servesNoWebhookEndpointOrHealthIndicatorUnlessEnabled() throws Exception {
    assertThat(Forms.postEmpty(port, "/pusher/webhook").statusCode()).isEqualTo(404);
    assertThat(context.getBeanNamesForType(io.channels4j.spring.boot.web.WebhookEndpoint.class))
        .isEmpty();
    assertThat(context.containsBean("pusherHealthIndicator")).isFalse();
    assertThat(context.getBean(Pusher.class)).isNotNull();
  }
}
