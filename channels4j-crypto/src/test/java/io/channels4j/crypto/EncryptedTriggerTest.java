package io.channels4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.channels4j.Event;
import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.ValidationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Triggers to encrypted channels, through the client, against a server that records bodies. */
class EncryptedTriggerTest {
  private static final String MASTER_KEY = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LinkedBlockingQueue<byte[]> bodies = new LinkedBlockingQueue<>();
  private HttpServer server;
  private Pusher pusher;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          bodies.add(exchange.getRequestBody().readAllBytes());
          byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    server.start();
    pusher =
        Pusher.builder()
            .appId("app-id")
            .key("app-key")
            .secret("app-secret")
            .host("127.0.0.1")
            .port(server.getAddress().getPort())
            .useTls(false)
            .retryPolicy(RetryPolicy.none())
            .encryption(SecretBoxEncryption.withMasterKeyBase64(MASTER_KEY))
            .build();
  }

  @AfterEach
  void stop() {
    pusher.close();
    server.stop(0);
  }

  @Test
  void sendsAnEnvelopeThatOpensToTheEncodedPayload() throws Exception {
    pusher.trigger("private-encrypted-orders", "created", Map.of("id", 7));

    JsonNode body = JSON.readTree(bodies.poll(5, TimeUnit.SECONDS));
    String envelope = body.get("data").asText();
    assertThat(JSON.readTree(envelope).fieldNames())
        .toIterable()
        .containsExactly("nonce", "ciphertext");
    byte[] plain =
        SecretBoxEncryption.withMasterKeyBase64(MASTER_KEY)
            .decrypt("private-encrypted-orders", envelope);
    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}");
  }

  @Test
  void encryptsEachBatchEventWithItsOwnChannelKeyAndLeavesOthersPlain() throws Exception {
    pusher.triggerBatch(
        List.of(
            Event.of("private-encrypted-a", "e", "secret-a"),
            Event.of("public-b", "e", "plain-b")));

    JsonNode batch = JSON.readTree(bodies.poll(5, TimeUnit.SECONDS)).get("batch");
    SecretBoxEncryption box = SecretBoxEncryption.withMasterKeyBase64(MASTER_KEY);
    assertThat(box.decrypt("private-encrypted-a", batch.get(0).get("data").asText()))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("secret-a");
    assertThat(batch.get(1).get("data").asText()).isEqualTo("plain-b");
  }

  @Test
  void refusesAnEncryptedChannelAmongSeveral() {
    assertThatThrownBy(
            () ->
                pusher.trigger(
                    List.of("private-encrypted-a", "public-b"),
                    "e",
                    "x",
                    io.channels4j.TriggerOptions.none()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("private-encrypted-")
        .hasMessageContaining("2 channels");
    assertThat(bodies).isEmpty();
  }

  @Test
  void appliesTheDataLimitToTheEnvelope() {
    Pusher small = pusher.newBuilder().maxEventDataBytes(100).build();
    // 60 bytes of plaintext fit the limit, but their envelope (~150 bytes) does not.
    assertThatThrownBy(() -> small.trigger("private-encrypted-a", "e", "x".repeat(60)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("encrypted")
        .hasMessageContaining("100 bytes");
    assertThat(bodies).isEmpty();
  }
}
