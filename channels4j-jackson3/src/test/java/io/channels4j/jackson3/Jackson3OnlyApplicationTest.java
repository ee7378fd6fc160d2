package io.channels4j.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.channels4j.Pusher;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.Webhook;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application with Jackson 3 only (as a Spring Boot 4 application has): no Jackson 2 databind on
 * its class path. It triggers a map and a record to the testkit's server, and verifies a webhook
 * the server sends it.
 */
class Jackson3OnlyApplicationTest {
  private IsolatedTestServer server;
  private Pusher pusher;

  /** A payload that needs data binding. */
  public record OrderCreated(String orderId, int items, Instant at) {}

  @BeforeEach
  void start() throws Exception {
    server = IsolatedTestServer.start();
    pusher = clientBuilder().build();
  }

  @AfterEach
  void stop() throws Exception {
    pusher.close();
    server.close();
  }

  private Pusher.Builder clientBuilder() throws Exception {
    return Pusher.builder()
        .appId(server.appId())
        .key(server.key())
        .secret(server.secret())
        .host("127.0.0.1")
        .port(server.port())
        .useTls(false);
  }

  @Test
  void hasNoJackson2DatabindOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(
            () ->
                Class.forName(
                    "com.fasterxml.jackson.databind.ObjectMapper",
                    false,
                    Thread.currentThread().getContextClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
    // Jackson 3 is there, and the server's isolated loader does have Jackson 2 (it is a peer).
    assertThat(JsonMapper.class.getName()).isEqualTo("tools.jackson.databind.json.JsonMapper");
    assertThat(server.serverHasJackson2Databind()).isTrue();
  }

  @Test
  void triggersAMapWithoutAnyConfiguration() throws Exception {
    pusher.trigger("orders", "created", Map.of("orderId", "A-1"));

    assertThat(server.takeTriggerData()).isEqualTo("{\"orderId\":\"A-1\"}");
  }

  @Test
  void triggersARecordWithTheJackson3EncoderFoundOnTheClassPath() throws Exception {
    pusher.trigger("orders", "created", new OrderCreated("A-2", 3, Instant.EPOCH));

    // Jackson 3 writes java.time values as ISO-8601 text by default.
    assertThat(server.takeTriggerData())
        .isEqualTo("{\"orderId\":\"A-2\",\"items\":3,\"at\":\"1970-01-01T00:00:00Z\"}");
  }

  @Test
  void triggersWithTheApplicationsOwnJackson3Mapper() throws Exception {
    JsonMapper snakeCase =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    try (Pusher custom =
        clientBuilder().payloadEncoder(Jackson3PayloadEncoder.of(snakeCase)).build()) {
      custom.trigger("orders", "created", new OrderCreated("A-3", 1, Instant.EPOCH));
      // The configured encoder applies to maps too.
      custom.trigger("orders", "created", Map.of("orderId", new OrderCreated("A-4", 2, null)));
    }

    assertThat(server.takeTriggerData())
        .isEqualTo("{\"order_id\":\"A-3\",\"items\":1,\"at\":\"1970-01-01T00:00:00Z\"}");
    assertThat(server.takeTriggerData())
        .isEqualTo("{\"orderId\":{\"order_id\":\"A-4\",\"items\":2,\"at\":null}}");
  }

  @Test
  void verifiesAWebhookTheServerSends() throws Exception {
    BlockingQueue<Webhook> verified = new ArrayBlockingQueue<>(4);
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/pusher/webhooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status;
          try {
            verified.add(pusher.verifyWebhook(exchange.getRequestHeaders(), body));
            status = 200;
          } catch (InvalidWebhookException e) {
            status = 401;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    try {
      URI target =
          URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/pusher/webhooks");

      int status =
          server.sendWebhook(
              target, List.of(Map.of("name", "channel_occupied", "channel", "orders")));

      assertThat(status).isEqualTo(200);
      Webhook webhook = verified.poll(5, TimeUnit.SECONDS);
      assertThat(webhook).isNotNull();
      assertThat(webhook.events()).containsExactly(new ChannelOccupied("orders"));
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void checksOnlyTheSignatureOfAWebhookItReadsWithJackson3() throws Exception {
    byte[] body = "{\"time_ms\":1,\"events\":[]}".getBytes(StandardCharsets.UTF_8);
    String signature = hmacHex(server.secret(), body);

    assertThat(pusher.checkWebhookSignature(server.key(), signature, body).isValid()).isTrue();
    assertThat(JsonMapper.builder().build().readTree(body).get("time_ms").asLong()).isEqualTo(1);
  }

  private static String hmacHex(String secret, byte[] body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body));
  }
}
