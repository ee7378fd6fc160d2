package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.RecordingServer.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls addressed to a signed-in user: sending an event, and closing their connections. */
class UserCallsTest extends RecordingServerFixture {
  @Test
  void sendsToTheServerToUserChannel() {
    // pusher-http-go: SendToUser("123456", "test", "yolo") → channels ["#server-to-user-123456"]
    pusher.sendToUser("123456", "test", "yolo");

    RecordedRequest request = server.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/apps/app-id/events");
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"name\":\"test\",\"data\":\"yolo\",\"channels\":[\"#server-to-user-123456\"]}");
    request.assertSigned();
  }

  @Test
  void sendsToAUserIdMadeOfTheWholeChannelCharset() {
    pusher.sendToUser("user_-=@,.;1", "test", Map.of("a", 1));

    assertThat(server.takeRequest().bodyText())
        .isEqualTo(
            "{\"name\":\"test\",\"data\":\"{\\\"a\\\":1}\","
                + "\"channels\":[\"#server-to-user-user_-=@,.;1\"]}");
  }

  @Test
  void sendsToAUserAsynchronously() throws Exception {
    pusher.async().sendToUser("42", "test", "yolo").get(5, TimeUnit.SECONDS);

    RecordedRequest request = server.takeRequest();
    assertThat(request.bodyText()).contains("\"channels\":[\"#server-to-user-42\"]");
    request.assertSigned();
  }

  @Test
  void sendsToSeveralUsersInOneRequest() throws Exception {
    pusher.async().sendToUsers(List.of("a", "b"), "test", "yolo").get(5, TimeUnit.SECONDS);

    RecordedRequest request = server.takeRequest();
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"name\":\"test\",\"data\":\"yolo\","
                + "\"channels\":[\"#server-to-user-a\",\"#server-to-user-b\"]}");
    request.assertSigned();
  }

  @Test
  void refusesMoreThanOneHundredUsersPerRequestBeforeSending() {
    List<String> users = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "u" + i).toList();

    assertThatThrownBy(() -> pusher.sendToUsers(users, "test", "yolo"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("userIds must hold 1 to 100 user ids, but has 101");
    assertThatThrownBy(() -> pusher.sendToUsers(List.of("ok", "bad#id"), "test", "yolo"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("userIds[1] may contain only");
  }

  @Test
  void terminatesUserConnectionsWithAnEmptyObjectBody() {
    server.enqueue("{\"ok\":true}");

    pusher.terminateUserConnections("user-1");

    RecordedRequest request =
        server.takeSignedRequest("POST", "/apps/app-id/users/user-1/terminate_connections");
    assertThat(request.bodyText()).isEqualTo("{}");
    // pusher-http-node's terminate test: md5("{}")
    assertThat(request.query()).containsEntry("body_md5", "99914b932bd37a50b983c5e7c90ae93b");
    assertThat(request.header("Content-Type")).contains("application/json");
  }

  @Test
  void terminatesUserConnectionsAsynchronously() throws Exception {
    pusher.async().terminateUserConnections("user@example.com").get(5, TimeUnit.SECONDS);

    RecordedRequest request = server.takeRequest();
    assertThat(request.path())
        .isEqualTo("/apps/app-id/users/user@example.com/terminate_connections");
    request.assertSigned();
  }
}
