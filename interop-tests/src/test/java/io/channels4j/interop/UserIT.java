package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Pusher;
import io.channels4j.interop.support.Line;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events channels4j sends to a user reach every connection signed in as that user and no other;
 * {@code terminateUserConnections} disconnects that user's connections (error 4009) and leaves the
 * others connected.
 */
@ExtendWith(SharedPeers.Resolver.class)
class UserIT {

  private static final String PREFIX = SharedPeers.channelPrefix(UserIT.class);
  private static final String LOBBY = PREFIX + "lobby";

  private static PusherJsClients clients;
  private static Pusher pusher;

  @BeforeAll
  static void start(SharedPeers peers) {
    pusher = peers.authorizingPusher();
    clients = peers.startClients();
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher);
  }

  @Test
  void eventsSentToAUserReachEachOfItsConnectionsOnlyWithDataIntact() throws Exception {
    signIn("ann-phone", "ann");
    signIn("ann-laptop", "ann");
    signIn("ben", "ben");
    clients.connect("anonymous");
    clients.subscribe("anonymous", LOBBY);
    int mark = clients.mark();

    for (String payload : Interop.TRICKY_PAYLOADS) {
      pusher.sendToUser("ann", "to-ann", payload);
    }
    pusher.async().sendToUser("ann", "to-ann-async", "async").get(20, TimeUnit.SECONDS);
    flush(List.of("ann-phone", "ann-laptop"), "ann");
    flush(List.of("ben"), "ben");
    Interop.flush(pusher, clients, Map.of("anonymous", LOBBY));

    int n = Interop.TRICKY_PAYLOADS.size();
    assertThat(Interop.deliveries(clients, mark, "to-ann"))
        .hasSize(2 * n)
        .containsOnly("ann-phone on #server-to-user-ann", "ann-laptop on #server-to-user-ann");
    assertThat(Interop.deliveries(clients, mark, "to-ann-async"))
        .containsExactlyInAnyOrder(
            "ann-phone on #server-to-user-ann", "ann-laptop on #server-to-user-ann");
    for (String client : List.of("ann-phone", "ann-laptop")) {
      List<String> received =
          Interop.eventLines(clients, mark, "to-ann").stream()
              .filter(line -> line.path("client").asText().equals(client))
              .map(line -> line.path("rawData").asText())
              .toList();
      assertThat(received).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(received.get(i).getBytes(StandardCharsets.UTF_8))
            .as("payload %d at %s", i, client)
            .isEqualTo(Interop.TRICKY_PAYLOADS.get(i).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void terminatingAUserDisconnectsItsConnectionsOnly() {
    signIn("cat-phone", "cat");
    signIn("cat-laptop", "cat");
    signIn("dan", "dan");
    clients.connect("bystander");
    for (String client : List.of("cat-phone", "cat-laptop", "dan", "bystander")) {
      clients.subscribe(client, LOBBY);
    }
    int mark = clients.mark();

    pusher.terminateUserConnections("cat");

    for (String client : List.of("cat-phone", "cat-laptop")) {
      JsonNode error =
          clients.await(
              mark, Line.type("error").client(client).field("code", 4009), SharedPeers.WAIT);
      assertThat(error.path("message").asText()).isEqualTo("You got disconnected by the app.");
      clients.await(
          mark,
          Line.type("state").client(client).field("current", "disconnected"),
          SharedPeers.WAIT);
    }
    // The others still get events, on channels and as a user, and saw no error.
    flush(List.of("dan"), "dan");
    Interop.flush(pusher, clients, Map.of("dan", LOBBY, "bystander", LOBBY));
    assertThat(clients.lines(Line.type("error").client("dan"))).isEmpty();
    assertThat(clients.lines(Line.type("error").client("bystander"))).isEmpty();
    assertThat(clients.state("dan").path("state").asText()).isEqualTo("connected");
    assertThat(clients.state("bystander").path("state").asText()).isEqualTo("connected");
  }

  private static void signIn(String client, String userId) {
    int mark = clients.mark();
    clients.connect(client, Map.of("userAuth", true, "userAuthParams", Map.of("user_id", userId)));
    JsonNode success =
        clients.await(mark, Line.type("signin_success").client(client), SharedPeers.WAIT);
    assertThat(success.path("userData").path("id").asText()).isEqualTo(userId);
  }

  /** Like {@link Interop#flush}, through the user's own channel. */
  private static void flush(List<String> connections, String userId) {
    String marker = "marker-user-" + userId;
    int mark = clients.mark();
    pusher.sendToUser(userId, marker, "{}");
    for (String client : connections) {
      clients.await(
          mark, Line.event(client, "#server-to-user-" + userId, marker), SharedPeers.WAIT);
    }
  }
}
