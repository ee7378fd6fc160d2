package io.channels4j.interop.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Proves the interop infrastructure on its own, without channels4j: soketi, pusher-js, the {@code
 * pusher} oracle and the app server work together. If this fails, the channels4j interop tests
 * cannot say anything about channels4j.
 *
 * <p>The steps share one soketi and one clients process (starting them is the slow part), in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeersSmokeIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static AppServer app;
  private static Soketi soketi;
  private static NodeOracle oracle;
  private static PusherJsClients clients;
  private static String socketId;

  @BeforeAll
  static void startPeers() {
    app = AppServer.start();
    soketi = Soketi.start(SoketiConfig.builder().webhook(app.webhookUri()).build());
    oracle = NodeOracle.start(soketi);
    clients = PusherJsClients.start(soketi, app);
  }

  @AfterAll
  static void stopPeers() {
    // Each one is stopped even if stopping another fails.
    Resources.closeAll(clients, oracle, soketi, app);
  }

  @Test
  @Order(1)
  void soketiIsReadyOnLoopback() {
    assertThat(soketi.host()).isEqualTo("127.0.0.1");
    assertThat(soketi.isReady()).isTrue();
    assertThat(soketi.isRunning()).isTrue();
  }

  @Test
  @Order(2)
  void pusherJsConnectsAndGetsASocketId() {
    socketId = clients.connect("c1");

    assertThat(socketId).matches("\\d+\\.\\d+");
  }

  @Test
  @Order(3)
  void pusherJsSubscribesToAPublicChannel() {
    JsonNode outcome = clients.subscribe("c1", "smoke-public");

    assertThat(outcome.path("type").asText()).isEqualTo("subscription_succeeded");
  }

  @Test
  @Order(4)
  void eventTriggeredByTheNodeLibraryReachesPusherJs() {
    int mark = clients.mark();

    List<Object> args = List.of("smoke-public", "greeting", Map.of("hello", "world"));
    JsonNode response = oracle.call("invoke", Map.of("call", "trigger", "args", args));

    assertThat(response.path("status").asInt()).isEqualTo(200);
    assertThat(response.path("json").path("ok").asBoolean()).isTrue();
    JsonNode event = clients.await(mark, Line.event("c1", "smoke-public", "greeting"), WAIT);
    assertThat(event.path("data").path("hello").asText()).isEqualTo("world");
    assertThat(event.path("rawData").asText()).isEqualTo("{\"hello\":\"world\"}");
  }

  @Test
  @Order(5)
  void soketiAcceptsAPrivateChannelAuthComputedByTheOracle() {
    app.onChannelAuth(form -> oracleChannelAuth(form, Map.of()));

    JsonNode outcome = clients.subscribe("c1", "private-smoke");

    assertThat(outcome.path("type").asText()).isEqualTo("subscription_succeeded");
    AppServer.Request authRequest = app.requests(AppServer.CHANNEL_AUTH_PATH).get(0);
    assertThat(authRequest.form())
        .containsEntry("socket_id", socketId)
        .containsEntry("channel_name", "private-smoke");
  }

  @Test
  @Order(6)
  void soketiRefusesAPrivateChannelAuthWithAWrongSecret() {
    app.onChannelAuth(form -> oracleChannelAuth(form, Map.of("secret", "not-the-secret")));

    JsonNode outcome = clients.subscribe("c1", "private-refused");

    assertThat(outcome.path("type").asText()).isEqualTo("subscription_error");
    assertThat(outcome.path("status").asInt()).isEqualTo(401);
  }

  @Test
  @Order(7)
  void webhookEndpointReceivesSoketisSignedChannelOccupied() {
    AppServer.Request webhook =
        app.awaitWebhook(
            request -> {
              JsonNode events = request.json().path("events");
              for (JsonNode event : events) {
                if (event.path("name").asText().equals("channel_occupied")
                    && event.path("channel").asText().equals("smoke-public")) {
                  return true;
                }
              }
              return false;
            },
            WAIT);

    assertThat(webhook.header("X-Pusher-Key")).isEqualTo(soketi.key());
    JsonNode validation =
        oracle.call("validateWebhook", "headers", webhook.headers(), "rawBody", webhook.bodyText());
    assertThat(validation.path("valid").asBoolean()).as("pusher says %s", validation).isTrue();
  }

  @Test
  @Order(8)
  void crashedSoketiRestartsOnTheSamePortAndPusherJsReconnects() {
    int port = soketi.port();
    long oldPid = soketi.pid();
    int mark = clients.mark();

    soketi.crash();
    clients.await(mark, Line.type("state").client("c1").field("current", "connecting"), WAIT);
    soketi.restart();
    String newSocketId = clients.reconnect("c1", WAIT);

    assertThat(soketi.port()).isEqualTo(port);
    assertThat(soketi.pid()).isNotEqualTo(oldPid);
    assertThat(soketi.isReady()).isTrue();
    assertThat(newSocketId).matches("\\d+\\.\\d+").isNotEqualTo(socketId);
    // pusher-js resubscribes by itself once connected again.
    clients.await(
        mark, Line.type("subscription_succeeded").client("c1").channel("smoke-public"), WAIT);
  }

  /**
   * The channel authorization the Node library computes for a pusher-js auth request.
   *
   * @param appOverrides settings that replace the oracle's configured app for this call (none: the
   *     configured app, which is soketi's)
   */
  private static String oracleChannelAuth(String form, Map<String, ?> appOverrides) {
    Map<String, String> fields = AppServer.parseForm(form);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("socketId", fields.get("socket_id"));
    params.put("channel", fields.get("channel_name"));
    if (!appOverrides.isEmpty()) {
      params.put("app", appOverrides);
    }
    return oracle.call("authorizeChannel", params).path("json").asText();
  }
}
