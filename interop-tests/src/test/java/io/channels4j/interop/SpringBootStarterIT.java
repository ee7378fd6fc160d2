package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PrivateChannelEventListener;
import com.pusher.client.channel.PrivateEncryptedChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;
import com.pusher.client.util.HttpChannelAuthorizer;
import io.channels4j.Pusher;
import io.channels4j.interop.support.Line;
import io.channels4j.interop.support.NodeModules;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import io.channels4j.interop.support.Soketi;
import io.channels4j.interop.support.SoketiConfig;
import io.channels4j.spring.boot.example.ExampleApplication;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.WebhookEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The example application of docs/spring-boot.md, on Spring Boot with the starter, serves channel
 * authorization and user authentication to pusher-js (private, presence and encrypted channels,
 * signin) and to the official Java client ({@code com.pusher:pusher-java-client}: private and
 * presence channels, and the authorization of an encrypted one) connected to soketi, and receives
 * soketi's signed webhooks as application events. Its own soketi: the shared one sends its webhooks
 * elsewhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringBootStarterIT {
  private static final String APP_ID = "starter-app";
  private static final String KEY = "starter-key";
  private static final String SECRET = "starter-secret";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static Soketi soketi;
  private static ConfigurableApplicationContext app;
  private static PusherJsClients clients;
  private static int appPort;

  /** Records the webhook events the application publishes. */
  @Component
  static class Recorder {
    static final List<WebhookEvent> EVENTS = new CopyOnWriteArrayList<>();

    @EventListener
    void on(WebhookEvent event) {
      EVENTS.add(event);
    }
  }

  @BeforeAll
  static void start() throws IOException {
    appPort = freeLoopbackPort();
    byte[] masterKey = new byte[32];
    new SecureRandom().nextBytes(masterKey);
    try {
      soketi =
          Soketi.start(
              SoketiConfig.builder()
                  .appId(APP_ID)
                  .key(KEY)
                  .secret(SECRET)
                  .webhook(
                      URI.create("http://127.0.0.1:" + appPort + "/pusher/webhook"),
                      List.of("channel_occupied", "channel_vacated", "member_added"))
                  .userAuthenticationTimeout(Duration.ofMinutes(5))
                  .build());
      app =
          new SpringApplicationBuilder(ExampleApplication.class, Recorder.class)
              .properties(
                  "server.address=127.0.0.1",
                  "server.port=" + appPort,
                  "pusher.url=http://"
                      + KEY
                      + ":"
                      + SECRET
                      + "@127.0.0.1:"
                      + soketi.port()
                      + "/apps/"
                      + APP_ID,
                  "pusher.encryption-master-key=" + Base64.getEncoder().encodeToString(masterKey),
                  "pusher.endpoints.channel-auth.enabled=true",
                  "pusher.endpoints.user-auth.enabled=true",
                  "pusher.endpoints.webhook.enabled=true")
              .run();
      clients =
          PusherJsClients.start(
              NodeModules.locate(),
              soketi.port(),
              KEY,
              uri("/pusher/auth"),
              uri("/pusher/user-auth"));
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, app, soketi);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + appPort + path);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static Map<String, Object> as(String user) {
    return Map.of("authHeaders", Map.of("X-User", user), "userAuthHeaders", Map.of("X-User", user));
  }

  private static void awaitEvent(WebhookEvent expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Recorder.EVENTS.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Recorder.EVENTS).as("webhook events received").contains(expected);
  }

  @Test
  @Order(1)
  void pusherJsJoinsPrivatePresenceAndEncryptedChannelsAndTheWebhooksArrive() throws Exception {
    clients.connect("alice", as("alice"));

    JsonNode orders = clients.subscribe("alice", "private-orders-alice");
    JsonNode lobby = clients.subscribe("alice", "presence-lobby");
    JsonNode encrypted = clients.subscribe("alice", "private-encrypted-orders-alice");
    JsonNode signin = clients.signin("alice");

    assertThat(orders.path("type").asText()).as("%s", orders).isEqualTo("subscription_succeeded");
    assertThat(lobby.path("type").asText()).as("%s", lobby).isEqualTo("subscription_succeeded");
    assertThat(lobby.path("me").path("id").asText()).isEqualTo("alice");
    assertThat(encrypted.path("type").asText())
        .as("%s", encrypted)
        .isEqualTo("subscription_succeeded");
    assertThat(signin.path("type").asText()).as("%s", signin).isEqualTo("signin_success");

    int mark = clients.mark();
    Pusher pusher = app.getBean(Pusher.class);
    pusher.trigger("private-orders-alice", "order-shipped", Map.of("order", "42"));
    pusher.trigger("private-encrypted-orders-alice", "order-paid", Map.of("order", "42"));
    assertThat(
            clients
                .await(mark, Line.event("alice", "private-orders-alice", "order-shipped"), WAIT)
                .path("rawData")
                .asText())
        .contains("42");
    assertThat(
            clients
                .await(
                    mark, Line.event("alice", "private-encrypted-orders-alice", "order-paid"), WAIT)
                .toString())
        .contains("42");

    awaitEvent(new ChannelOccupied("presence-lobby"));
    awaitEvent(new MemberAdded("presence-lobby", "alice"));
    clients.disconnect("alice");
    awaitEvent(new ChannelVacated("presence-lobby"));
  }

  @Test
  @Order(2)
  void pusherJsIsRefusedWhatThePolicyDenies() {
    clients.connect("mallory", as("mallory"));

    JsonNode others = clients.subscribe("mallory", "private-orders-alice");

    assertThat(others.path("type").asText()).as("%s", others).isEqualTo("subscription_error");
    clients.disconnect("mallory");
  }

  @Test
  @Order(3)
  void theOfficialJavaClientJoinsPrivateAndPresenceChannelsAndGetsEncryptedAuthorization()
      throws Exception {
    HttpChannelAuthorizer authorizer = new HttpChannelAuthorizer(uri("/pusher/auth").toString());
    authorizer.setHeaders(Map.of("X-User", "bob"));
    PusherOptions options =
        new PusherOptions()
            .setHost("127.0.0.1")
            .setWsPort(soketi.port())
            .setUseTLS(false)
            .setChannelAuthorizer(authorizer);
    com.pusher.client.Pusher client = new com.pusher.client.Pusher(KEY, options);
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try {
      client.connect(
          new ConnectionEventListener() {
            @Override
            public void onConnectionStateChange(ConnectionStateChange change) {
              seen.add("state:" + change.getCurrentState());
            }

            @Override
            public void onError(String message, String code, Exception e) {
              seen.add("error:" + message);
            }
          },
          ConnectionState.ALL);
      awaitSeen(seen, "state:CONNECTED");

      client.subscribePrivate("private-orders-bob", new Listener("private", seen), "order-shipped");
      client.subscribePresence("presence-lobby", new Listener("presence", seen));
      client.subscribePrivate("private-orders-alice", new Listener("denied", seen));
      awaitSeen(seen, "private:subscribed");
      awaitSeen(seen, "presence:subscribed");
      awaitSeen(seen, "denied:refused");

      app.getBean(Pusher.class)
          .trigger("private-orders-bob", "order-shipped", Map.of("order", "7"));
      awaitSeen(seen, "private:order-shipped:{\"order\":\"7\"}");
      awaitEvent(new MemberAdded("presence-lobby", "bob"));

      // The encrypted channel's authorization, fetched by the official client's own authorizer
      // for its real socket id. Its full subscription cannot complete on soketi: soketi's
      // subscription_succeeded carries no data, and pusher-java-client 2.4.4 tries to decrypt it
      // (NullPointerException in its event thread). pusher-js covers the subscription above.
      String socketId = client.getConnection().getSocketId();
      String channel = "private-encrypted-orders-bob";
      JsonNode answer =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(authorizer.authorize(channel, socketId));
      assertThat(answer.path("auth").asText())
          .isEqualTo(KEY + ":" + hmacHex(SECRET, socketId + ":" + channel));
      assertThat(Base64.getDecoder().decode(answer.path("shared_secret").asText())).hasSize(32);
    } finally {
      client.disconnect();
    }
  }

  /** HMAC-SHA256 hex with the JDK alone, not with the code under test. */
  private static String hmacHex(String secret, String message) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static void awaitSeen(BlockingQueue<String> seen, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> all = new CopyOnWriteArrayList<>();
    while (System.nanoTime() < deadline) {
      String next = seen.poll(100, TimeUnit.MILLISECONDS);
      if (next == null) {
        continue;
      }
      all.add(next);
      if (next.equals(expected)) {
        seen.addAll(all.subList(0, all.size() - 1)); // keep the others for later waits
        return;
      }
    }
    throw new AssertionError("the Java client did not report " + expected + "; it reported " + all);
  }

  /** Reports what the official client tells about one subscription. */
  private record Listener(String name, BlockingQueue<String> seen)
      implements PrivateChannelEventListener,
          PresenceChannelEventListener,
          PrivateEncryptedChannelEventListener {

    @Override
    public void onSubscriptionSucceeded(String channelName) {
      seen.add(name + ":subscribed");
    }

    @Override
    public void onAuthenticationFailure(String message, Exception e) {
      seen.add(name + ":refused");
    }

    @Override
    public void onEvent(PusherEvent event) {
      seen.add(name + ":" + event.getEventName() + ":" + event.getData());
    }

    @Override
    public void onUsersInformationReceived(String channelName, Set<User> users) {}

    @Override
    public void userSubscribed(String channelName, User user) {}

    @Override
    public void userUnsubscribed(String channelName, User user) {}

    @Override
    public void onDecryptionFailure(String event, String reason) {
      seen.add(name + ":undecryptable");
    }
  }
}
