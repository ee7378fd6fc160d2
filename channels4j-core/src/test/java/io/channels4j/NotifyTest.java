package io.channels4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.RecordingServer.Answer;
import io.channels4j.RecordingServer.RecordedRequest;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The legacy push notifications endpoint, on its own host. */
class NotifyTest {
  private final RecordingServer api = RecordingServer.start();
  private final RecordingServer push = RecordingServer.start();
  private final Pusher pusher = api.clientBuilder().pushNotificationHost(push.hostPort()).build();

  @AfterEach
  void stop() {
    pusher.close();
    api.close();
    push.close();
  }

  private RecordedRequest takeNotify() {
    RecordedRequest request =
        push.takeSignedRequest("POST", "/server_api/v1/apps/app-id/notifications");
    assertThat(request.header("Content-Type")).contains("application/json");
    return request;
  }

  @Test
  void postsInterestsAndPayloadToThePushHostAndReadsTheSubscriberCount() {
    push.enqueue("{\"number_of_subscribers\":10}");

    NotifyResult result =
        pusher.notify(
            List.of("donuts", "coffee"),
            PushNotification.fcm(Map.of("notification", Map.of("title", "hi"))));

    assertThat(takeNotify().bodyText())
        .isEqualTo(
            "{\"interests\":[\"donuts\",\"coffee\"],\"fcm\":{\"notification\":{\"title\":\"hi\"}}}");
    assertThat(result.numberOfSubscribers()).isEqualTo(10);
    assertThat(api.requestCount()).isZero();
  }

  @Test
  void acceptsA202Answer() {
    // pusher-http-go (2017): a 202 answer with 0 subscribers is a success
    push.enqueue(Answer.json(202, "{\"number_of_subscribers\":0}"));

    assertThat(pusher.notify(List.of("i"), PushNotification.apns("{}")).numberOfSubscribers())
        .isZero();
  }

  @Test
  void writesEveryPayloadAndTheWebhookUrl() {
    PushNotification notification =
        new PushNotification(
                java.util.Optional.of("{\"aps\":{\"alert\":\"hi\"}}"),
                java.util.Optional.of(Map.of("data", 1)),
                java.util.Optional.of(List.of()),
                java.util.Optional.empty())
            .withWebhookUrl("https://example.com/hook");

    pusher.notify(List.of("i"), notification);

    assertThat(takeNotify().bodyText())
        .isEqualTo(
            "{\"interests\":[\"i\"],\"webhook_url\":\"https://example.com/hook\","
                + "\"apns\":{\"aps\":{\"alert\":\"hi\"}},\"gcm\":{\"data\":1},\"fcm\":[]}");
  }

  @Test
  void sendsTenInterests() {
    List<String> interests =
        java.util.stream.IntStream.range(0, 10).mapToObj(i -> "i" + i).toList();

    pusher.notify(interests, PushNotification.gcm("{}"));

    assertThat(takeNotify().bodyText()).startsWith("{\"interests\":[\"i0\",").contains("\"i9\"]");
  }

  @Test
  void reportsAServerErrorWithItsStatus() {
    push.enqueue(Answer.json(500, ""));

    assertThatThrownBy(() -> pusher.notify(List.of("i"), PushNotification.gcm("{}")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void theReferencePushHostIsAConstantUsedOnlyWhenChosen() {
    assertThat(Pusher.DEFAULT_PUSH_NOTIFICATION_HOST).isEqualTo("nativepush-cluster1.pusher.com");
    // A transport that answers in place of the network: no request leaves this machine.
    List<HttpRequest> sent = new CopyOnWriteArrayList<>();
    HttpTransport capture =
        request -> {
          sent.add(request);
          return new HttpResponse(200, Map.of(), "{\"number_of_subscribers\":1}".getBytes(UTF_8));
        };
    Pusher.Builder builder =
        Pusher.builder().appId("app-id").key("key").secret("secret").transport(capture);

    try (Pusher without = builder.build();
        Pusher with = builder.pushNotificationHost(Pusher.DEFAULT_PUSH_NOTIFICATION_HOST).build()) {
      assertThatThrownBy(() -> without.notify(List.of("i"), PushNotification.fcm("{}")))
          .isInstanceOf(ValidationException.class);
      assertThat(sent).isEmpty();

      with.notify(List.of("i"), PushNotification.fcm("{}"));
    }

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).uri().getScheme()).isEqualTo("https");
    assertThat(sent.get(0).uri().getAuthority()).isEqualTo("nativepush-cluster1.pusher.com");
    assertThat(sent.get(0).uri().getPath()).isEqualTo("/server_api/v1/apps/app-id/notifications");
  }

  @Test
  void notifiesAsynchronously() throws Exception {
    push.enqueue("{\"number_of_subscribers\":3}");

    NotifyResult result =
        pusher.async().notify(List.of("i"), PushNotification.fcm("{}")).get(5, TimeUnit.SECONDS);

    takeNotify();
    assertThat(result.numberOfSubscribers()).isEqualTo(3);
  }
}
