package io.channels4j;

import static io.channels4j.ChannelAttribute.SUBSCRIPTION_COUNT;
import static io.channels4j.ChannelAttribute.USER_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.RecordingServer.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchTest extends RecordingServerFixture {
  private RecordedRequest takeBatch() {
    return server.takeSignedRequest("POST", "/apps/app-id/batch_events");
  }

  @Test
  void writesTheNodeLibrarysExactBatchBodyOfStrings() {
    pusher.triggerBatch(
        List.of(
            Event.of("integration", "event", "test"), Event.of("integration2", "event2", "test2")));

    RecordedRequest request = takeBatch();
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"batch\":[{\"channel\":\"integration\",\"name\":\"event\",\"data\":\"test\"},"
                + "{\"channel\":\"integration2\",\"name\":\"event2\",\"data\":\"test2\"}]}");
    assertThat(request.query()).containsEntry("body_md5", "fd5ab5fd40237f27555c4d2564470fdd");
  }

  @Test
  void writesTheNodeLibrarysExactBatchBodyOfEncodedObjects() {
    Map<String, String> hello2 = new LinkedHashMap<>();
    hello2.put("hello2", "another world");

    pusher.triggerBatch(
        List.of(
            Event.of("integration", "event", Map.of("hello", "world")),
            Event.of("integration2", "event2", hello2)));

    RecordedRequest request = takeBatch();
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"batch\":[{\"channel\":\"integration\",\"name\":\"event\","
                + "\"data\":\"{\\\"hello\\\":\\\"world\\\"}\"},"
                + "{\"channel\":\"integration2\",\"name\":\"event2\","
                + "\"data\":\"{\\\"hello2\\\":\\\"another world\\\"}\"}]}");
    assertThat(request.query()).containsEntry("body_md5", "ade2e9d64d936215c2b2d6a6f4606ef9");
  }

  @Test
  void writesTheGoLibrarysExactBatchBodyWithInfoAndReadsPerEventAttributes() {
    // pusher-http-go TestTriggerBatchInfoSuccess
    server.enqueue(
        "{\"batch\":[{\"subscription_count\":2,\"user_count\":1},{\"subscription_count\":3}]}");

    BatchResult result =
        pusher.triggerBatch(
            List.of(
                Event.of("presence-test_channel", "test", "yolo1")
                    .withInfo(USER_COUNT, SUBSCRIPTION_COUNT),
                Event.of("test_channel", "test", "yolo2").withInfo(SUBSCRIPTION_COUNT)));

    RecordedRequest request = takeBatch();
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"batch\":[{\"channel\":\"presence-test_channel\",\"name\":\"test\",\"data\":\"yolo1\","
                + "\"info\":\"user_count,subscription_count\"},"
                + "{\"channel\":\"test_channel\",\"name\":\"test\",\"data\":\"yolo2\","
                + "\"info\":\"subscription_count\"}]}");
    assertThat(request.query()).containsEntry("body_md5", "5bc75aa17cf2e497ca831305e1fa58d2");
    assertThat(result.events())
        .containsExactly(
            new ChannelAttributes(OptionalInt.of(1), OptionalInt.of(2)),
            new ChannelAttributes(OptionalInt.empty(), OptionalInt.of(3)));
  }

  @Test
  void leavesOutTheExcludedSocketOfOneEvent() {
    // pusher-http-java: the second event carries "socket_id":"22.33"
    pusher.triggerBatch(
        List.of(Event.of("c1", "e", "a"), Event.of("c2", "e", "b").excluding("22.33")));

    assertThat(takeBatch().bodyText())
        .isEqualTo(
            "{\"batch\":[{\"channel\":\"c1\",\"name\":\"e\",\"data\":\"a\"},"
                + "{\"channel\":\"c2\",\"name\":\"e\",\"data\":\"b\",\"socket_id\":\"22.33\"}]}");
  }

  @Test
  void sendsTenEventsInOneRequest() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(Event.of("c" + i, "e", "d" + i));
    }

    pusher.triggerBatch(events);

    assertThat(takeBatch().bodyText()).contains("\"c0\"").contains("\"d9\"");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void answersNoAttributesWhenTheServerReportsNone() {
    server.enqueue("{\"ok\":true}");

    BatchResult result = pusher.triggerBatch(List.of(Event.of("c", "e", "d").withInfo(USER_COUNT)));

    assertThat(result.events()).isEmpty();
    assertThat(result.event(0)).isEqualTo(ChannelAttributes.NONE);
  }

  @Test
  void readsEmptyAttributeObjectsAsNone() {
    server.enqueue("{\"batch\":[{},{\"user_count\":4}]}");

    BatchResult result =
        pusher.triggerBatch(
            List.of(
                Event.of("c", "e", "d").withInfo(SUBSCRIPTION_COUNT),
                Event.of("presence-c", "e", "d").withInfo(USER_COUNT)));

    assertThat(result.event(0)).isEqualTo(ChannelAttributes.NONE);
    assertThat(result.event(1).userCount()).hasValue(4);
    assertThat(result.event(2)).isEqualTo(ChannelAttributes.NONE);
  }

  @Test
  void triggersABatchAsynchronously() throws Exception {
    server.enqueue("{\"batch\":[{\"subscription_count\":5}]}");

    BatchResult result =
        pusher
            .async()
            .triggerBatch(List.of(Event.of("c", "e", "d").withInfo(SUBSCRIPTION_COUNT)))
            .get(5, TimeUnit.SECONDS);

    assertThat(takeBatch().bodyText())
        .isEqualTo(
            "{\"batch\":[{\"channel\":\"c\",\"name\":\"e\",\"data\":\"d\","
                + "\"info\":\"subscription_count\"}]}");
    assertThat(result.event(0).subscriptionCount()).hasValue(5);
  }
}
