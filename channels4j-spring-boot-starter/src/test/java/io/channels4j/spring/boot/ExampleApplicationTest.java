package io.channels4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.spring.boot.example.ExampleApplication;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import io.channels4j.testkit.WebhookDelivery;
import io.channels4j.testkit.WebhookEvents;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.WebhookEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application of docs/spring-boot.md on a real embedded server (127.0.0.1, random
 * port), with every endpoint on and the testkit server as its Pusher: triggers, auth answers as
 * pusher-js expects them, webhooks as typed events, metrics and health.
 */
@SpringBootTest(
    classes = {ExampleApplication.class, ExampleApplicationTest.Recorder.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "pusher.endpoints.channel-auth.enabled=true",
      "pusher.endpoints.user-auth.enabled=true",
      "pusher.endpoints.webhook.enabled=true",
      "pusher.health.enabled=true",
      "management.endpoint.health.show-details=always"
    })
@Timeout(60)
class ExampleApplicationTest {
  private static final PusherTestServer server = PusherTestServer.start();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOCKET = "1234.5678";

  @DynamicPropertySource
  static void pusher(DynamicPropertyRegistry registry) {
    registry.add("pusher.url", server::url);
    registry.add(
        "pusher.encryption-master-key",
        () -> java.util.Base64.getEncoder().encodeToString(new byte[32]));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Records the webhook events the application receives. */
  @TestConfiguration
  static class Recorder {
    final List<WebhookEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(WebhookEvent event) {
      events.add(event);
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired Recorder recorder;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void reset() {
    server.reset();
    recorder.events.clear();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/json");
    return JSON.readTree(response.body());
  }

  @Test
  void triggersThroughTheAutoConfiguredClient() throws Exception {
    HttpResponse<String> r = Forms.postEmpty(port, "/orders/alice/42/ship");

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.channel()).isEqualTo("private-orders-alice");
    assertThat(t.name()).isEqualTo("order-shipped");
    assertThat(t.data()).isEqualTo("{\"order\":\"42\"}");
  }

  @Test
  void authorizesAPrivateChannelWithTheSignaturePusherJsExpects() throws Exception {
    JsonNode answer =
        json(
            Forms.post(
                port,
                "/pusher/auth",
                Map.of("socket_id", SOCKET, "channel_name", "private-orders-alice"),
                "alice"));

    String expected =
        server.key() + ":" + Forms.hmac(server.secret(), SOCKET + ":private-orders-alice");
    assertThat(answer.get("auth").asText()).isEqualTo(expected);
    assertThat(answer.has("channel_data")).isFalse();
  }

  @Test
  void authorizesAPresenceChannelWithTheMembersSignedData() throws Exception {
    JsonNode answer =
        json(
            Forms.post(
                port,
                "/pusher/auth",
                Map.of("socket_id", SOCKET, "channel_name", "presence-lobby"),
                "alice"));

    String channelData = answer.get("channel_data").asText();
    assertThat(JSON.readTree(channelData).get("user_id").asText()).isEqualTo("alice");
    assertThat(answer.get("auth").asText())
        .isEqualTo(
            server.key()
                + ":"
                + Forms.hmac(server.secret(), SOCKET + ":presence-lobby:" + channelData));
  }

  @Test
  void authorizesAnEncryptedChannelWithItsSharedSecret() throws Exception {
    JsonNode answer =
        json(
            Forms.post(
                port,
                "/pusher/auth",
                Map.of("socket_id", SOCKET, "channel_name", "private-encrypted-orders-alice"),
                "alice"));

    assertThat(java.util.Base64.getDecoder().decode(answer.get("shared_secret").asText()))
        .hasSize(32);
  }

  @Test
  void deniesWhatThePolicyDenies() throws Exception {
    HttpResponse<String> others =
        Forms.post(
            port,
            "/pusher/auth",
            Map.of("socket_id", SOCKET, "channel_name", "private-orders-bob"),
            "alice");
    HttpResponse<String> anonymous =
        Forms.post(
            port,
            "/pusher/auth",
            Map.of("socket_id", SOCKET, "channel_name", "private-orders-alice"),
            null);
    HttpResponse<String> signin =
        Forms.post(port, "/pusher/user-auth", Map.of("socket_id", SOCKET), null);

    assertThat(others.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(signin.statusCode()).isEqualTo(403);
    assertThat(others.body()).doesNotContain("auth\"");
  }

  @Test
  void refusesMalformedFormsWithABadRequest() throws Exception {
    HttpResponse<String> noChannel =
        Forms.post(port, "/pusher/auth", Map.of("socket_id", SOCKET), "alice");
    HttpResponse<String> badSocket =
        Forms.post(
            port,
            "/pusher/auth",
            Map.of("socket_id", "not-a-socket", "channel_name", "private-orders-alice"),
            "alice");

    assertThat(noChannel.statusCode()).isEqualTo(400);
    assertThat(noChannel.body()).contains("channel_name");
    assertThat(badSocket.statusCode()).isEqualTo(400);
    assertThat(badSocket.body()).contains("socket");
  }

  @Test
  void refusesAChannelThatNeedsNoAuthorizationWithABadRequest() throws Exception {
    // The example's policy would deny both (403): they are refused before it is asked.
    HttpResponse<String> publicChannel =
        Forms.post(
            port, "/pusher/auth", Map.of("socket_id", SOCKET, "channel_name", "orders"), "alice");
    HttpResponse<String> serverToUser =
        Forms.post(
            port,
            "/pusher/auth",
            Map.of("socket_id", SOCKET, "channel_name", "#server-to-user-alice"),
            "alice");

    assertThat(publicChannel.statusCode()).isEqualTo(400);
    assertThat(publicChannel.body())
        .contains("channel_name must start with private-, private-encrypted- or presence-");
    assertThat(serverToUser.statusCode()).isEqualTo(400);
    assertThat(serverToUser.body()).doesNotContain("auth\"");
  }

  @Test
  void authenticatesAUserWithTheSignaturePusherJsExpects() throws Exception {
    JsonNode answer =
        json(Forms.post(port, "/pusher/user-auth", Map.of("socket_id", SOCKET), "alice"));

    String userData = answer.get("user_data").asText();
    assertThat(JSON.readTree(userData).get("id").asText()).isEqualTo("alice");
    assertThat(answer.get("auth").asText())
        .isEqualTo(
            server.key() + ":" + Forms.hmac(server.secret(), SOCKET + "::user::" + userData));
  }

  @Test
  void publishesEachVerifiedWebhookEventAsATypedApplicationEvent() {
    WebhookDelivery delivery =
        server.sendWebhook(
            webhookUri(),
            List.of(
                WebhookEvents.channelOccupied("presence-lobby"),
                WebhookEvents.memberAdded("presence-lobby", "alice"),
                WebhookEvents.channelVacated("presence-lobby")));

    assertThat(delivery.status()).isEqualTo(200);
    assertThat(recorder.events)
        .containsExactly(
            new ChannelOccupied("presence-lobby"),
            new MemberAdded("presence-lobby", "alice"),
            new ChannelVacated("presence-lobby"));
  }

  @Test
  void refusesForgedWebhooksAndPublishesNothing() {
    byte[] body =
        "{\"time_ms\":1,\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"x\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    WebhookDelivery badSignature =
        server.sendRawWebhook(webhookUri(), body, server.key(), "0".repeat(64));
    WebhookDelivery unknownKey =
        server.sendRawWebhook(webhookUri(), body, "someone-else", server.signWebhook(body));
    byte[] malformed = "not json".getBytes(StandardCharsets.UTF_8);
    WebhookDelivery signedGarbage =
        server.sendRawWebhook(webhookUri(), malformed, server.key(), server.signWebhook(malformed));

    assertThat(badSignature.status()).isEqualTo(401);
    assertThat(unknownKey.status()).isEqualTo(401);
    assertThat(signedGarbage.status()).isEqualTo(400);
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void refusesAnOversizedWebhookBodyUnverified() {
    byte[] huge = new byte[io.channels4j.spring.boot.web.WebhookEndpoint.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');

    WebhookDelivery delivery =
        server.sendRawWebhook(webhookUri(), huge, server.key(), server.signWebhook(huge));

    assertThat(delivery.status()).isEqualTo(413);
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void timesEachRequestInMicrometerWithLowCardinalityTags() throws Exception {
    assertThat(Forms.postEmpty(port, "/orders/alice/42/ship").statusCode()).isEqualTo(200);

    assertThat(
            meters
                .get("channels4j.requests")
                .tags("pusher.call", "trigger", "outcome", "SUCCESS", "status", "2xx")
                .timer()
                .count())
        .isGreaterThanOrEqualTo(1);
    assertThat(meters.get("channels4j.requests.in.flight").gauge().value()).isZero();
    assertThat(meters.get("channels4j.requests.queued").gauge().value()).isZero();
  }

  @Test
  void reportsHealthWithOneApiCall() throws Exception {
    HttpResponse<String> health = Forms.get(port, "/actuator/health/pusher");

    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    assertThat(server.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).endsWith("/channels/channels4j-health"));
  }

  private URI webhookUri() {
    return URI.create("http://127.0.0.1:" + port + "/pusher/webhook");
  }
}
