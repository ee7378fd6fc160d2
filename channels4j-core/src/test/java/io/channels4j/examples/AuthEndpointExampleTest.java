package io.channels4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.Pusher;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.WebhookEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the example endpoints over loopback HTTP, as pusher-js and Pusher would. */
class AuthEndpointExampleTest {
  private final List<WebhookEvent> received = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private Pusher pusher;
  private AuthEndpointExample example;

  @BeforeEach
  void start() throws Exception {
    // The Pusher docs' credentials, so the answers are the published vectors (protocol.md V-09).
    pusher =
        Pusher.builder()
            .appId("3")
            .key("278d425bdf160c739803")
            .secret("7ad3773142a6692b25b8")
            .webhookToken("123456789", "tofu")
            .build();
    example = new AuthEndpointExample(pusher, received::add);
  }

  @AfterEach
  void stop() {
    example.close();
    pusher.close();
  }

  private HttpResponse<String> post(String path, String user, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(example.uri() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header("X-User", user);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(String path, String user, String form) throws Exception {
    return post(path, user, "application/x-www-form-urlencoded", form);
  }

  @Test
  void authorizesPrivateChannel() throws Exception {
    HttpResponse<String> response =
        postForm("/pusher/auth", "10", "socket_id=1234.1234&channel_name=private-foobar");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body())
        .isEqualTo(
            "{\"auth\":\"278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4\"}");
  }

  @Test
  void authorizesPresenceChannel() throws Exception {
    HttpResponse<String> response =
        postForm("/pusher/auth", "10", "socket_id=1234.1234&channel_name=presence-foobar");

    assertThat(response.body())
        .isEqualTo(
            "{\"auth\":\"278d425bdf160c739803:48dac51d2d7569e1e9c0f48c227d4b26f238fa68e5c0bb04222c966909c4f7c4\","
                + "\"channel_data\":\"{\\\"user_id\\\":\\\"10\\\",\\\"user_info\\\":{\\\"name\\\":\\\"Mr. Pusher\\\"}}\"}");
  }

  @Test
  void refusesChannelTheUserMayNotJoin() throws Exception {
    assertThat(
            postForm("/pusher/auth", "10", "socket_id=1.1&channel_name=private-user-11")
                .statusCode())
        .isEqualTo(403);
    assertThat(postForm("/pusher/auth", null, "socket_id=1.1&channel_name=private-a").statusCode())
        .isEqualTo(403);
  }

  @Test
  void answersMalformedFormWithBadRequest() throws Exception {
    assertThat(
            postForm("/pusher/auth", "10", "socket_id=1.1%0A&channel_name=private-a").statusCode())
        .isEqualTo(400);
    assertThat(postForm("/pusher/user-auth", "10", "channel_name=private-a").statusCode())
        .isEqualTo(400);
  }

  @Test
  void authenticatesUser() throws Exception {
    HttpResponse<String> response = postForm("/pusher/user-auth", "12345", "socket_id=1234.1234");

    assertThat(response.body())
        .isEqualTo(
            "{\"auth\":\"278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba\","
                + "\"user_data\":\"{\\\"id\\\":\\\"12345\\\"}\"}");
  }

  @Test
  void acceptsGenuineWebhook() throws Exception {
    // protocol.md V-31, signed with the extra token 123456789 / tofu.
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(example.uri() + "/pusher/webhook"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("X-Pusher-Key", "123456789")
            .header(
                "X-Pusher-Signature",
                "c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"time_ms\":1403175510755,\"events\":[{\"channel\":\"test_channel\",\"name\":\"channel_vacated\"}]}"))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(received).containsExactly(new ChannelVacated("test_channel"));
  }

  @Test
  void refusesForgedWebhook() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(example.uri() + "/pusher/webhook"))
            .timeout(Duration.ofSeconds(30))
            .header("X-Pusher-Key", "123456789")
            .header("X-Pusher-Signature", "00".repeat(32))
            .POST(HttpRequest.BodyPublishers.ofString("{\"time_ms\":1,\"events\":[]}"))
            .build();

    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
    assertThat(received).isEmpty();
  }
}
