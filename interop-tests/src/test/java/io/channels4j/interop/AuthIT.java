package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channels4j.Pusher;
import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserAuthentication;
import io.channels4j.auth.UserData;
import io.channels4j.interop.support.AppServer;
import io.channels4j.interop.support.Line;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * soketi accepts the channel authorizations and user authentications channels4j computes (served
 * through its form-body methods, as an app would) and refuses forged ones: a wrong secret, a
 * tampered {@code channel_data} or {@code user_data}, another socket's or another channel's
 * signature.
 */
@ExtendWith(SharedPeers.Resolver.class)
class AuthIT {

  private static final String PREFIX = SharedPeers.channelPrefix(AuthIT.class);
  private static final String INFO =
      "{\"name\":\"Zoë 🦊 \\\"the fox\\\"\",\"tags\":[\"a\\\\b\",1]}";

  private static SharedPeers peers;
  private static PusherJsClients clients;
  private static Pusher pusher;
  private static Pusher wrongSecret;

  @BeforeAll
  static void start(SharedPeers shared) {
    peers = shared;
    pusher = peers.pusherBuilder().build();
    wrongSecret = peers.pusherBuilder().secret("not-the-secret").build();
    clients = peers.startClients();
  }

  @AfterEach
  void restoreHandlers() {
    peers.authorizeWith(pusher);
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher, wrongSecret);
  }

  @Test
  void privateChannelAuthorizedByChannels4jIsAccepted() {
    peers.authorizeWith(pusher);
    String socketId = clients.connect("private-ok");

    JsonNode outcome = clients.subscribe("private-ok", "private-" + PREFIX + "ok");

    assertThat(outcome.path("type").asText()).as("%s", outcome).isEqualTo("subscription_succeeded");
    AppServer.Request request =
        peers.app.awaitRequest(
            AppServer.CHANNEL_AUTH_PATH,
            r -> r.form().getOrDefault("socket_id", "").equals(socketId),
            SharedPeers.WAIT);
    assertThat(request.form()).containsEntry("channel_name", "private-" + PREFIX + "ok");
  }

  @Test
  void presenceChannelAuthorizedByChannels4jIsAcceptedWithTheMemberAsSigned() {
    peers.authorizeWith(pusher);
    clients.connect(
        "presence-ok",
        Map.of("authParams", Map.of("user_id", "zoë@example.com", "user_info", INFO)));

    JsonNode outcome = clients.subscribe("presence-ok", "presence-" + PREFIX + "ok");

    assertThat(outcome.path("type").asText()).as("%s", outcome).isEqualTo("subscription_succeeded");
    assertThat(outcome.path("me").path("id").asText()).isEqualTo("zoë@example.com");
    assertThat(outcome.path("me").path("info")).isEqualTo(Interop.parse(INFO));
    assertThat(outcome.path("count").asInt()).isEqualTo(1);
  }

  @Test
  void channelAuthorizationSignedWithAWrongSecretIsRefused() {
    peers.app.onChannelAuth(form -> wrongSecret.authorizeChannelFromForm(form).toJson());
    clients.connect("wrong-secret");

    JsonNode outcome = clients.subscribe("wrong-secret", "private-" + PREFIX + "wrong-secret");

    assertRefused(outcome);
  }

  @Test
  void presenceAuthorizationWithTamperedChannelDataIsRefused() {
    // Signed for alice; the client then claims to be mallory with alice's signature.
    peers.app.onChannelAuth(
        form -> {
          ChannelAuthorization signed =
              pusher.authorizeChannelFromForm(form, PresenceMember.of("alice"));
          ObjectNode body = Interop.MAPPER.createObjectNode();
          body.put("auth", signed.auth());
          body.put("channel_data", signed.channelData().orElseThrow().replace("alice", "mallory"));
          return body.toString();
        });
    clients.connect("tampered");

    JsonNode outcome = clients.subscribe("tampered", "presence-" + PREFIX + "tampered");

    assertRefused(outcome);
  }

  @Test
  void authorizationForAnotherSocketIsRefused() {
    String otherSocket = clients.connect("bystander");
    peers.app.onChannelAuth(
        form ->
            pusher
                .authorizeChannel(otherSocket, AppServer.parseForm(form).get("channel_name"))
                .toJson());
    clients.connect("thief");

    JsonNode outcome = clients.subscribe("thief", "private-" + PREFIX + "stolen");

    assertRefused(outcome);
  }

  @Test
  void authorizationForAnotherChannelIsRefused() {
    peers.app.onChannelAuth(
        form ->
            pusher
                .authorizeChannel(
                    AppServer.parseForm(form).get("socket_id"), "private-" + PREFIX + "allowed")
                .toJson());
    clients.connect("wrong-channel");

    JsonNode outcome = clients.subscribe("wrong-channel", "private-" + PREFIX + "forbidden");

    assertRefused(outcome);
  }

  @Test
  void userAuthenticatedByChannels4jSignsIn() {
    peers.authorizeWith(pusher);
    int mark = clients.mark();

    clients.connect(
        "signed-in",
        Map.of(
            "userAuth", true, "userAuthParams", Map.of("user_id", "user-42", "user_info", INFO)));

    JsonNode success =
        clients.await(mark, Line.type("signin_success").client("signed-in"), SharedPeers.WAIT);
    assertThat(success.path("userData").path("id").asText()).isEqualTo("user-42");
    assertThat(success.path("userData").path("user_info")).isEqualTo(Interop.parse(INFO));
  }

  @Test
  void userAuthenticationSignedWithAWrongSecretIsRefused() {
    peers.app.onUserAuth(
        form -> wrongSecret.authenticateUserFromForm(form, UserData.of("user-43")).toJson());
    int mark = clients.mark();

    clients.connect("forged-user", Map.of("userAuth", true));

    assertSignInRefused(mark, "forged-user");
  }

  @Test
  void userAuthenticationWithTamperedUserDataIsRefused() {
    peers.app.onUserAuth(
        form -> {
          UserAuthentication signed = pusher.authenticateUserFromForm(form, UserData.of("user-44"));
          ObjectNode body = Interop.MAPPER.createObjectNode();
          body.put("auth", signed.auth());
          body.put("user_data", signed.userData().replace("user-44", "admin"));
          return body.toString();
        });
    int mark = clients.mark();

    clients.connect("tampered-user", Map.of("userAuth", true));

    assertSignInRefused(mark, "tampered-user");
  }

  private static void assertRefused(JsonNode outcome) {
    assertThat(outcome.path("type").asText()).as("%s", outcome).isEqualTo("subscription_error");
    assertThat(outcome.path("status").asInt()).as("%s", outcome).isEqualTo(401);
  }

  /** soketi answers a bad sign-in with {@code pusher:error} 4009 and closes the connection. */
  private static void assertSignInRefused(int mark, String client) {
    JsonNode error =
        clients.await(
            mark, Line.type("error").client(client).field("code", 4009), SharedPeers.WAIT);
    assertThat(error.path("message").asText()).isEqualTo("Connection not authorized.");
    assertThat(clients.lines(Line.type("signin_success").client(client))).isEmpty();
  }
}
