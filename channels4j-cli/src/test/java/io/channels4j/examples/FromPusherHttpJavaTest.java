package io.channels4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ApiException;
import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelsQuery;
import io.channels4j.Event;
import io.channels4j.PresenceUser;
import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.TriggerOptions;
import io.channels4j.TriggerResult;
import io.channels4j.ValidationException;
import io.channels4j.auth.PresenceMember;
import io.channels4j.crypto.SecretBoxEncryption;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.webhook.InvalidWebhookException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/migrating.md, sections "From pusher-http-java" and "Behaviour differences",
 * run against the test server. Keep the two in step.
 */
class FromPusherHttpJavaTest {
  private final PusherTestServer server = PusherTestServer.start();
  private final Pusher pusher = server.client();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void construction() {
    // Java: Pusher p = new Pusher(appId, key, secret); p.setCluster("eu"); p.setEncrypted(true);
    try (Pusher p = Pusher.builder().appId("1").key("k").secret("s").cluster("eu").build()) {
      assertThat(p.toString()).contains("baseUri=https://api-eu.pusher.com");
    }
  }

  @Test
  void constructionFromUrl() {
    // Java: new Pusher("http://key:secret@host:port/apps/4242")
    try (Pusher p = Pusher.fromUrl(server.url())) {
      p.trigger("c", "e", "x");
    }
    assertThat(server.takeTrigger().channel()).isEqualTo("c");
  }

  @Test
  void triggerThrowsInsteadOfReturningAResult() {
    // Java: Result r = p.trigger(...); if (r.getStatus() != Status.SUCCESS) ...
    server.enqueueFault(Fault.status(403, "Over quota"));
    try (Pusher p = server.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> p.trigger("c", "e", Map.of("n", 1)))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.body()).isEqualTo("Over quota");
              });
    }
  }

  @Test
  void triggerExcludingASocket() {
    // Java: p.trigger("my-channel", "my-event", data, "123.456")
    pusher.trigger(
        List.of("my-channel"), "my-event", Map.of("n", 1), TriggerOptions.excluding("123.456"));
    assertThat(server.takeTrigger().socketId()).hasValue("123.456");
  }

  @Test
  void batch() {
    // Java: p.trigger(List.of(new Event("a", "e", data), ...))
    pusher.triggerBatch(
        List.of(Event.of("a", "e", Map.of("n", 1)), Event.of("b", "e", Map.of("n", 2))));
    assertThat(server.triggers()).hasSize(2);
  }

  @Test
  void typedQueriesInsteadOfGetWithAPath() {
    // Java: p.get("/channels", Map.of("filter_by_prefix", "presence-", "info", "user_count"))
    //       p.get("/channels/presence-room"), p.get("/channels/presence-room/users")
    server.addPresenceMember("presence-room", "alice");
    assertThat(
            pusher
                .channels(ChannelsQuery.withPrefix("presence-").andUserCount())
                .channels()
                .get("presence-room")
                .userCount())
        .hasValue(1);
    assertThat(pusher.channel("presence-room", ChannelAttribute.USER_COUNT).userCount())
        .hasValue(1);
    assertThat(pusher.users("presence-room")).containsExactly(new PresenceUser("alice"));
  }

  @Test
  void authenticate() {
    // Java: String json = p.authenticate(socketId, channel)
    //       String json = p.authenticate(socketId, channel, new PresenceUser(10, info))
    try (Pusher p =
        Pusher.builder()
            .appId("3")
            .key("278d425bdf160c739803")
            .secret("7ad3773142a6692b25b8")
            .build()) {
      assertThat(p.authorizeChannel("1234.1234", "private-foobar").toJson())
          .isEqualTo(
              "{\"auth\":\"278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4\"}");
      assertThat(
              p.authorizeChannel(
                      "1234.1234",
                      "presence-foobar",
                      PresenceMember.of("10", Map.of("name", "Mr. Pusher")))
                  .channelData())
          .hasValue("{\"user_id\":\"10\",\"user_info\":{\"name\":\"Mr. Pusher\"}}");
    }
  }

  @Test
  void validateWebhookSignature() {
    // Java: Validity v = p.validateWebhookSignature(key, signature, body)  (VALID / INVALID / ...)
    try (Pusher p = Pusher.builder().appId("1").key("123456789").secret("tofu").build()) {
      byte[] body =
          "{\"time_ms\":1403175510755,\"events\":[{\"channel\":\"test_channel\",\"name\":\"channel_vacated\"}]}"
              .getBytes(StandardCharsets.UTF_8);
      String signature = "c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5";
      assertThat(p.verifyWebhook("123456789", signature, body).events()).hasSize(1);
      assertThatThrownBy(() -> p.verifyWebhook("1234", signature, body))
          .isInstanceOfSatisfying(
              InvalidWebhookException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidWebhookException.Reason.UNKNOWN_KEY));
    }
  }

  @Test
  void asyncInsteadOfPusherAsync() {
    // Java: new PusherAsync(appId, key, secret).trigger(...) returns CompletableFuture<Result>
    CompletableFuture<TriggerResult> future = pusher.async().trigger("c", "e", Map.of("n", 1));
    assertThat(future.join().channels()).isEmpty();
    assertThat(server.takeTrigger().channel()).isEqualTo("c");
  }

  @Test
  void timeoutAsADuration() {
    // Java: p.setRequestTimeout(4000)
    server.enqueueFault(Fault.delay(Duration.ofSeconds(2)));
    try (Pusher p =
        server
            .clientBuilder()
            .timeout(Duration.ofMillis(200))
            .retryPolicy(RetryPolicy.none())
            .build()) {
      assertThatThrownBy(() -> p.trigger("c", "e", "x"))
          .isInstanceOf(io.channels4j.RequestTimeoutException.class);
    }
  }

  // ------------------------------------------------------------------- behaviour differences

  @Test
  void stringPayloadsAreSentAsIs() {
    // pusher-http-java sends the String hello as "hello" (JSON-quoted); channels4j, like the Go,
    // Node, Ruby and Python libraries, sends it as is. Objects are still encoded as JSON.
    pusher.trigger("c", "e", "hello");
    assertThat(server.takeTrigger().data()).isEqualTo("hello");
    pusher.trigger("c", "e", "\"hello\""); // to send what pusher-http-java sent, quote it yourself
    assertThat(server.takeTrigger().data()).isEqualTo("\"hello\"");
  }

  @Test
  void tlsByDefault() {
    // pusher-http-go and pusher-http-java default to http; channels4j to https.
    try (Pusher p = Pusher.builder().appId("1").key("k").secret("s").build()) {
      assertThat(p.toString()).contains("baseUri=https://api-mt1.pusher.com");
    }
    try (Pusher p = Pusher.builder().appId("1").key("k").secret("s").useTls(false).build()) {
      assertThat(p.toString()).contains("baseUri=http://api-mt1.pusher.com");
    }
  }

  @Test
  void upTo100ChannelsPerTrigger() {
    // Some READMEs still say 10; Pusher, Go and Java accept 100. A 101st is refused before sending.
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      channels.add("c" + i);
    }
    pusher.trigger(channels, "e", "x");
    assertThat(server.takeTrigger().channels()).hasSize(100);
    channels.add("c100");
    assertThatThrownBy(() -> pusher.trigger(channels, "e", "x"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("channels may name at most 100 channels per trigger, but has 101");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void sharedSecretIsPaddedBase64() {
    // pusher-http-java emits the unpadded 1O0FFr6NiG4d9D4A5bWBh3EG9Y/wfjzqw172LUXwVQ4 (V-23);
    // channels4j emits standard padded base64, like Go, Node, Ruby and Python.
    try (Pusher p =
        Pusher.builder()
            .appId("1")
            .key("k")
            .secret("s")
            .encryption(
                SecretBoxEncryption.withMasterKeyBase64(
                    "VGhlIDMyIGNoYXJzIGxvbmcgZW5jcnlwdGlvbiBrZXk="))
            .build()) {
      assertThat(p.authorizeChannel("1.1", "private-encrypted-test").sharedSecret())
          .hasValue("1O0FFr6NiG4d9D4A5bWBh3EG9Y/wfjzqw172LUXwVQ4=");
    }
  }
}
