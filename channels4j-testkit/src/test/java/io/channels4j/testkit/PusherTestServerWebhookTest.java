package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.Webhook;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks leave signed like the service's, and only for this machine. */
class PusherTestServerWebhookTest {
  private record Received(Map<String, List<String>> headers, byte[] body) {}

  private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(10);
  private HttpServer app;
  private URI hook;

  @BeforeEach
  void startReceiver() throws Exception {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext(
        "/hook",
        ex -> {
          received.add(new Received(ex.getRequestHeaders(), ex.getRequestBody().readAllBytes()));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    app.start();
    hook = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stopReceiver() {
    app.stop(0);
  }

  @Test
  void signsLikeThePublishedVectorV30() {
    try (PusherTestServer server = PusherTestServer.builder().key("key").secret("secret").start()) {
      assertThat(server.signWebhook("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)))
          .isEqualTo("2677ad3e7c090b2fa2c0fb13020d66d5420879b8316eb356a2d60fb9073bc778");
    }
  }

  @Test
  void signsLikeThePublishedVectorV31() {
    try (PusherTestServer server =
        PusherTestServer.builder().key("123456789").secret("tofu").start()) {
      String body =
          "{\"time_ms\":1403175510755,\"events\":[{\"channel\":\"test_channel\","
              + "\"name\":\"channel_vacated\"}]}";
      assertThat(server.signWebhook(body.getBytes(StandardCharsets.UTF_8)))
          .isEqualTo("c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5");
    }
  }

  @Test
  void postsTheBodyWithKeyAndSignatureHeaders() throws Exception {
    Clock at = Clock.fixed(Instant.ofEpochMilli(1403175510755L), ZoneOffset.UTC);
    try (PusherTestServer server =
        PusherTestServer.builder().key("123456789").secret("tofu").clock(at).start()) {
      WebhookDelivery d =
          server.sendWebhook(hook, List.of(WebhookEvents.channelVacated("test_channel")));
      assertThat(d.accepted()).isTrue();
      Received r = received.poll(10, TimeUnit.SECONDS);
      assertThat(r).isNotNull();
      // The V-31 body (field order name, channel) is signed with the published signature's key.
      assertThat(new String(r.body(), StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"time_ms\":1403175510755,\"events\":[{\"name\":\"channel_vacated\","
                  + "\"channel\":\"test_channel\"}]}");
      assertThat(r.headers().get("X-pusher-key")).containsExactly("123456789");
      assertThat(r.headers().get("X-pusher-signature"))
          .containsExactly(RawApi.hmac("tofu", new String(r.body(), StandardCharsets.UTF_8)));
      assertThat(r.headers().get("Content-type")).containsExactly("application/json");
    }
  }

  @Test
  void writesEveryEventTypeWithItsFields() throws Exception {
    try (PusherTestServer server = PusherTestServer.start()) {
      server.sendWebhook(
          hook,
          List.of(
              WebhookEvents.channelOccupied("a"),
              WebhookEvents.memberAdded("presence-a", "u1"),
              WebhookEvents.memberRemoved("presence-a", "u1"),
              WebhookEvents.clientEvent(
                  "private-a", "client-typing", "{}", "1.2", Optional.of("u2")),
              WebhookEvents.cacheMiss("cache-a"),
              WebhookEvents.subscriptionCount("a", 3)));
      String body = new String(received.poll(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8);
      assertThat(body)
          .contains("{\"name\":\"channel_occupied\",\"channel\":\"a\"}")
          .contains("{\"name\":\"member_added\",\"channel\":\"presence-a\",\"user_id\":\"u1\"}")
          .contains(
              "{\"name\":\"client_event\",\"channel\":\"private-a\",\"event\":\"client-typing\","
                  + "\"data\":\"{}\",\"socket_id\":\"1.2\",\"user_id\":\"u2\"}")
          .contains("{\"name\":\"cache_miss\",\"channel\":\"cache-a\"}")
          .contains("{\"name\":\"subscription_count\",\"channel\":\"a\",\"subscription_count\":3}");
    }
  }

  @Test
  void reportsTheReceiversRefusal() {
    try (PusherTestServer server = PusherTestServer.start()) {
      URI missing = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/nope");
      WebhookDelivery d = server.sendWebhook(missing, List.of(WebhookEvents.cacheMiss("c")));
      assertThat(d.status()).isEqualTo(404);
      assertThat(d.accepted()).isFalse();
    }
  }

  @Test
  void refusesATargetOffThisMachine() {
    try (PusherTestServer server = PusherTestServer.start()) {
      assertThatThrownBy(
              () ->
                  server.sendWebhook(
                      URI.create("http://example.com/hook"), List.of(WebhookEvents.cacheMiss("c"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("127.0.0.1")
          .hasMessageContaining("example.com");
      assertThat(received).isEmpty();
    }
  }

  @Test
  void refusesHttpsAndLocalhostNames() {
    try (PusherTestServer server = PusherTestServer.start()) {
      for (String target : List.of("https://127.0.0.1:1/h", "http://localhost:1/h")) {
        assertThatThrownBy(
                () -> server.sendWebhook(URI.create(target), List.of(WebhookEvents.cacheMiss("c"))))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void aDeliveredWebhookVerifiesWithTheServersClient() throws Exception {
    try (PusherTestServer server = PusherTestServer.start()) {
      BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(4);
      HttpServer verifier =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      verifier.createContext(
          "/verify",
          ex -> {
            int status = 200;
            try {
              outcomes.add(
                  server
                      .client()
                      .verifyWebhook(ex.getRequestHeaders(), ex.getRequestBody().readAllBytes()));
            } catch (InvalidWebhookException e) {
              outcomes.add(e);
              status = 401;
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
          });
      verifier.start();
      try {
        URI target = URI.create("http://127.0.0.1:" + verifier.getAddress().getPort() + "/verify");
        WebhookDelivery d =
            server.sendWebhook(
                target,
                List.of(
                    WebhookEvents.channelOccupied("my-channel"),
                    WebhookEvents.memberAdded("presence-room", "alice")));
        assertThat(d.status()).isEqualTo(200);
        Webhook webhook = (Webhook) outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(webhook.events())
            .containsExactly(
                new ChannelOccupied("my-channel"), new MemberAdded("presence-room", "alice"));

        byte[] tampered = d.bodyText().replace("alice", "mallory").getBytes(StandardCharsets.UTF_8);
        WebhookDelivery forged = server.sendRawWebhook(target, tampered, d.key(), d.signature());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(outcomes.poll(10, TimeUnit.SECONDS))
            .isInstanceOfSatisfying(
                InvalidWebhookException.class,
                e ->
                    assertThat(e.reason()).isEqualTo(InvalidWebhookException.Reason.BAD_SIGNATURE));
      } finally {
        verifier.stop(0);
      }
    }
  }
}
