package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Event;
import io.channels4j.Pusher;
import io.channels4j.crypto.SecretBoxEncryption;
import io.channels4j.interop.support.AppServer;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What channels4j encrypts on {@code private-encrypted-} channels, real pusher-js subscribers
 * decrypt, byte for byte, with the {@code shared_secret} channels4j put in their authorization;
 * soketi only ever carries the envelope.
 *
 * <p>Client {@code e1} is on encrypted channel A and a plain channel, {@code e2} on encrypted
 * channel B.
 */
@ExtendWith(SharedPeers.Resolver.class)
class EncryptionIT {

  private static final String PREFIX = SharedPeers.channelPrefix(EncryptionIT.class);
  private static final String A = Pusher.ENCRYPTED_CHANNEL_PREFIX + PREFIX + "a";
  private static final String B = Pusher.ENCRYPTED_CHANNEL_PREFIX + PREFIX + "b";
  private static final String PLAIN = PREFIX + "plain";

  private static SharedPeers peers;
  private static PusherJsClients clients;
  private static Pusher pusher;
  private static String e1;

  @BeforeAll
  static void start(SharedPeers shared) {
    peers = shared;
    pusher = peers.authorizingPusher();
    clients = peers.startClients();
    e1 = clients.connect("e1");
    clients.connect("e2");
    Interop.subscribeAll(clients, "e1", A, "e1", PLAIN, "e2", B);
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher);
  }

  @Test
  void encryptedEventsAreDecryptedByPusherJsByteForByte() {
    int mark = clients.mark();

    for (String payload : Interop.TRICKY_PAYLOADS) {
      pusher.trigger(A, "secret", payload);
    }
    flush();

    List<JsonNode> lines = Interop.eventLines(clients, mark, "secret");
    assertThat(Interop.deliveries(clients, mark, "secret"))
        .hasSize(Interop.TRICKY_PAYLOADS.size())
        .containsOnly("e1 on " + A);
    for (int i = 0; i < lines.size(); i++) {
      String payload = Interop.TRICKY_PAYLOADS.get(i);
      JsonNode line = lines.get(i);
      assertThat(line.path("rawData").asText().getBytes(StandardCharsets.UTF_8))
          .as("payload %d: %s", i, payload)
          .isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
      assertIsAnEnvelope(line.path("wireData"));
    }
  }

  @Test
  void batchEncryptsEachEventWithItsOwnChannelsKeyAndLeavesPlainOnesAlone() throws Exception {
    int mark = clients.mark();

    pusher
        .async()
        .triggerBatch(
            List.of(
                Event.of(A, "batched", "for A 🅰"),
                Event.of(B, "batched", "for B 🅱"),
                Event.of(PLAIN, "batched", "in clear")))
        .get(20, TimeUnit.SECONDS);
    flush();

    assertThat(Interop.deliveries(clients, mark, "batched"))
        .containsExactlyInAnyOrder("e1 on " + A, "e2 on " + B, "e1 on " + PLAIN);
    for (JsonNode line : Interop.eventLines(clients, mark, "batched")) {
      String channel = line.path("channel").asText();
      String expected =
          channel.equals(A) ? "for A 🅰" : channel.equals(B) ? "for B 🅱" : "in clear";
      assertThat(line.path("rawData").asText()).isEqualTo(expected);
      if (channel.equals(PLAIN)) {
        assertThat(line.path("wireData").asText()).isEqualTo("in clear");
      } else {
        assertIsAnEnvelope(line.path("wireData"));
      }
    }
  }

  @Test
  void encryptedObjectPayloadArrivesAsTheSameJson() {
    int mark = clients.mark();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("card", "4111 1111 1111 1111");
    data.put("holder", "Zoë \"Z\" Ødegård");
    data.put("amounts", List.of(1, 2, 3));

    pusher.trigger(B, "object", data);
    Interop.flush(pusher, clients, Map.of("e2", B));

    JsonNode line = Interop.eventLines(clients, mark, "object").get(0);
    assertThat(line.path("data")).isEqualTo(Interop.tree(data));
    assertThat(line.path("frame").asText()).doesNotContain("4111", "holder");
  }

  @Test
  void eventEncryptedUnderAnotherMasterKeyIsDroppedByPusherJsAfterItRefetchesTheKey() {
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    int authRequestsForA = authRequests(A);
    int mark = clients.mark();

    try (Pusher impostor =
        peers
            .pusherBuilder()
            .encryption(
                SecretBoxEncryption.withMasterKeyBase64(
                    Base64.getEncoder().encodeToString(otherKey)))
            .build()) {
      impostor.trigger(A, "forged", "not for you");
    }
    // pusher-js cannot open it, so it asks the auth endpoint for the channel's key again.
    peers.app.awaitRequest(
        AppServer.CHANNEL_AUTH_PATH,
        request ->
            A.equals(request.form().get("channel_name"))
                && e1.equals(request.form().get("socket_id"))
                && authRequests(A) > authRequestsForA,
        SharedPeers.WAIT);
    flush();

    assertThat(Interop.deliveries(clients, mark, "forged")).isEmpty();
  }

  /** Waits until both clients have every event triggered so far (see {@link Interop#flush}). */
  private static void flush() {
    Interop.flush(pusher, clients, Map.of("e1", A, "e2", B));
  }

  private static int authRequests(String channel) {
    return (int)
        peers.app.requests(AppServer.CHANNEL_AUTH_PATH).stream()
            .filter(request -> channel.equals(request.form().get("channel_name")))
            .count();
  }

  /** The wire carries {@code {"nonce":..., "ciphertext":...}}, never the plaintext. */
  private static void assertIsAnEnvelope(JsonNode wireData) {
    assertThat(wireData.isTextual()).as("%s", wireData).isTrue();
    JsonNode envelope = Interop.parse(wireData.asText());
    assertThat(envelope.path("nonce").asText()).isNotEmpty();
    assertThat(envelope.path("ciphertext").asText()).isNotEmpty();
    assertThat(Base64.getDecoder().decode(envelope.path("nonce").asText())).hasSize(24);
  }
}
