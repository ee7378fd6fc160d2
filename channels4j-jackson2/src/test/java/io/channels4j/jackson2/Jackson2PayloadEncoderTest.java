package io.channels4j.jackson2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.auth.PresenceMember;
import io.channels4j.spi.PayloadEncoder;
import io.channels4j.testkit.PusherTestServer;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An application with Jackson 2 and this module: records encoded with no configuration. */
class Jackson2PayloadEncoderTest {
  private final PusherTestServer server = PusherTestServer.start();

  /** A payload that needs data binding. */
  public record Greeting(String firstName, int messageCount) {}

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void isFoundWithServiceLoader() {
    List<PayloadEncoder> found =
        ServiceLoader.load(PayloadEncoder.class).stream().map(ServiceLoader.Provider::get).toList();

    assertThat(found).singleElement().isInstanceOf(Jackson2PayloadEncoder.class);
  }

  @Test
  void encodesARecordWithoutConfiguration() {
    try (Pusher pusher = server.clientBuilder().build()) {
      pusher.trigger("c", "e", new Greeting("Ann", 3));
    }

    assertThat(server.takeTrigger().data()).isEqualTo("{\"firstName\":\"Ann\",\"messageCount\":3}");
  }

  @Test
  void encodesWithTheApplicationsMapperWhenSet() {
    JsonMapper snakeCase =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    try (Pusher pusher =
        server.clientBuilder().payloadEncoder(Jackson2PayloadEncoder.of(snakeCase)).build()) {
      pusher.trigger("c", "e", Map.of("g", new Greeting("Ann", 3)));
    }

    assertThat(server.takeTrigger().data())
        .isEqualTo("{\"g\":{\"first_name\":\"Ann\",\"message_count\":3}}");
  }

  @Test
  void writesRecordUserInfoInTheSignedForm() {
    try (Pusher pusher = server.clientBuilder().build()) {
      String channelData =
          pusher
              .authorizeChannel(
                  "1.1", "presence-room", PresenceMember.of("7", new Greeting("\u0001", 1)))
              .channelData()
              .orElseThrow();

      // Lower-case hex escapes, as JSON.stringify writes them, though Jackson writes upper case.
      assertThat(channelData)
          .isEqualTo(
              "{\"user_id\":\"7\",\"user_info\":{\"firstName\":\"\\u0001\",\"messageCount\":1}}");
    }
  }

  @Test
  void reportsWhatTheMapperCannotWriteBeforeSending() {
    try (Pusher pusher = server.clientBuilder().build()) {
      assertThatThrownBy(() -> pusher.trigger("c", "e", new Object()))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("data of type java.lang.Object could not be encoded: ");
    }
    assertThat(server.requests()).isEmpty();
  }
}
