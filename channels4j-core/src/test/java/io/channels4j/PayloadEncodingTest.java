package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.channels4j.internal.TestJson;
import io.channels4j.testpayloads.Greeting;
import io.channels4j.testpayloads.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How an event's payload becomes the {@code data} string. */
class PayloadEncodingTest {
  private final RecordingServer server = RecordingServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  /** Triggers with a client and returns the JSON-escaped data as it appears in the body. */
  private String sentData(Pusher pusher, Object payload) {
    try (pusher) {
      pusher.trigger("c", "e", payload);
    }
    String body = server.takeRequest().bodyText();
    String prefix = "{\"name\":\"e\",\"data\":\"";
    String suffix = "\",\"channels\":[\"c\"]}";
    assertThat(body).startsWith(prefix).endsWith(suffix);
    return body.substring(prefix.length(), body.length() - suffix.length());
  }

  @Test
  void sendsAStringAsIsWithoutJsonQuotes() {
    // pusher-http-java would send "hello" with the quotes; Go, Node, Ruby and Python do not.
    assertThat(sentData(server.client(), "hello")).isEqualTo("hello");
  }

  @Test
  void sendsAStringHoldingJsonAsIs() {
    assertThat(sentData(server.client(), "{\"a\":1}")).isEqualTo("{\\\"a\\\":1}");
  }

  @Test
  void encodesAMapWithJackson() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("message", "hi");
    payload.put("count", 2);
    payload.put("tags", List.of("a", "b"));

    assertThat(sentData(server.client(), payload))
        .isEqualTo(
            "{\\\"message\\\":\\\"hi\\\",\\\"count\\\":2,\\\"tags\\\":[\\\"a\\\",\\\"b\\\"]}");
  }

  @Test
  void encodesARecordWithTheConfiguredJacksonEncoder() {
    Pusher pusher = server.clientBuilder().payloadEncoder(TestJson.ENCODER).build();

    assertThat(sentData(pusher, new Point(1, 2))).isEqualTo("{\\\"x\\\":1,\\\"y\\\":2}");
  }

  @Test
  void refusesARecordWithoutAnEncoderNamingTheModulesToAddBeforeSending() {
    // The core's tests have no channels4j-jackson2/3 on the class path: ServiceLoader finds none.
    try (Pusher pusher = server.client()) {
      assertThatThrownBy(() -> pusher.trigger("c", "e", new Point(1, 2)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining(
              "data of type io.channels4j.testpayloads.Point needs a payload encoder")
          .hasMessageContaining("io.channels4j:channels4j-jackson3")
          .hasMessageContaining("io.channels4j:channels4j-jackson2")
          .hasMessageContaining("Pusher.builder().payloadEncoder(...)");
      assertThatThrownBy(() -> pusher.trigger("c", "e", Map.of("at", new Point(1, 2))))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("data of type java.util.ImmutableCollections$Map1 needs a payload");
    }
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void encodesNestedPlainValuesWithoutAnyEncoder() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("n", null);
    payload.put("pi", 3.5);
    payload.put("big", new java.math.BigDecimal("1e400"));
    payload.put("list", List.of(Map.of("deep", List.of(1L, "\u00e9\n"))));

    assertThat(sentData(server.client(), payload))
        .isEqualTo(
            "{\\\"n\\\":null,\\\"pi\\\":3.5,\\\"big\\\":1E+400,"
                + "\\\"list\\\":[{\\\"deep\\\":[1,\\\"\u00e9\\\\n\\\"]}]}");
  }

  @Test
  void encodesNumbersAndBooleansAsJson() {
    assertThat(sentData(server.client(), 42)).isEqualTo("42");
    assertThat(sentData(server.client(), true)).isEqualTo("true");
  }

  @Test
  @SuppressWarnings("removal") // the deprecated jsonMapper still works until it is removed
  void usesTheConfiguredJsonMapper() {
    JsonMapper snakeCase =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    assertThat(
            sentData(server.clientBuilder().jsonMapper(snakeCase).build(), new Greeting("Ann", 3)))
        .isEqualTo("{\\\"first_name\\\":\\\"Ann\\\",\\\"message_count\\\":3}");
  }

  @Test
  void usesTheConfiguredPayloadEncoderForEverythingButStrings() {
    List<Object> seen = new ArrayList<>();
    Pusher.Builder builder =
        server
            .clientBuilder()
            .payloadEncoder(
                data -> {
                  seen.add(data);
                  return "encoded:" + data;
                });

    assertThat(sentData(builder.build(), new Point(1, 2))).isEqualTo("encoded:Point[x=1, y=2]");
    assertThat(sentData(builder.build(), "plain")).isEqualTo("plain");
    assertThat(seen).containsExactly(new Point(1, 2));
  }

  @Test
  void encodesBatchEventsWithTheConfiguredEncoder() {
    try (Pusher pusher = server.clientBuilder().payloadEncoder(data -> "<" + data + ">").build()) {
      pusher.triggerBatch(List.of(Event.of("c", "e", 7), Event.of("c", "e", "as is")));
    }

    assertThat(server.takeRequest().bodyText())
        .isEqualTo(
            "{\"batch\":[{\"channel\":\"c\",\"name\":\"e\",\"data\":\"<7>\"},"
                + "{\"channel\":\"c\",\"name\":\"e\",\"data\":\"as is\"}]}");
  }

  @Test
  void reportsAnEncoderFailureAsValidationBeforeSending() {
    try (Pusher pusher =
        server
            .clientBuilder()
            .payloadEncoder(
                data -> {
                  throw new IllegalStateException("cannot encode this");
                })
            .build()) {
      assertThatThrownBy(() -> pusher.trigger("c", "e", new Point(1, 2)))
          .isInstanceOf(ValidationException.class)
          .hasMessage(
              "data of type io.channels4j.testpayloads.Point could not be encoded: cannot encode"
                  + " this");
    }
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void reportsAnEncoderReturningNullBeforeSending() {
    try (Pusher pusher = server.clientBuilder().payloadEncoder(data -> null).build()) {
      assertThatThrownBy(() -> pusher.trigger("c", "e", 1))
          .isInstanceOf(ValidationException.class)
          .hasMessage("the payload encoder returned null for the data");
    }
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void reportsAPayloadJacksonCannotEncodeBeforeSending() {
    try (Pusher pusher = server.clientBuilder().payloadEncoder(TestJson.ENCODER).build()) {
      assertThatThrownBy(() -> pusher.trigger("c", "e", new Object()))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("data of type java.lang.Object could not be encoded: ");
    }
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void encodesTheSendToUserPayloadLikeATriggers() {
    try (Pusher pusher = server.client()) {
      pusher.sendToUser("u1", "e", Map.of("k", "v"));
    }

    assertThat(server.takeRequest().bodyText()).contains("\"data\":\"{\\\"k\\\":\\\"v\\\"}\"");
  }
}
