package io.channels4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.channels4j.Pusher;
import io.channels4j.spi.PayloadEncoder;
import io.channels4j.testkit.PusherTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Payloads the core cannot write itself (records, beans) are written by the application's own
 * Jackson mapper bean: Boot's, with its {@code spring.jackson.*} settings, or one of its own; an
 * encoder the application sets wins.
 */
@Timeout(60)
class PayloadEncoderAutoConfigurationTest {
  private static final PusherTestServer server = PusherTestServer.start();

  /** A payload only a Jackson mapper writes, with two-word names a naming strategy changes. */
  record Shipment(String orderId, int itemCount) {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PusherAutoConfiguration.class))
          .withPropertyValues("pusher.url=" + server.url());

  @BeforeEach
  void reset() {
    server.reset();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Boot's own Jackson auto-configuration: Jackson 2 on Boot 3.5, Jackson 3 on Boot 4.0. */
  private static Class<?> bootsJacksonAutoConfiguration() throws ClassNotFoundException {
    return Class.forName(
        SpringBootVersion.getVersion().startsWith("3.")
            ? "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration"
            : "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration");
  }

  @Test
  void writesPojosWithBootsMapperAndItsNamingStrategy() throws Exception {
    String expectedEncoder =
        SpringBootVersion.getVersion().startsWith("3.")
            ? "Jackson2PayloadEncoder["
            : "Jackson3PayloadEncoder[";
    runner
        .withConfiguration(AutoConfigurations.of(bootsJacksonAutoConfiguration()))
        .withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(PayloadEncoder.class).toString())
                  .startsWith(expectedEncoder);

              context
                  .getBean(Pusher.class)
                  .trigger("orders", "order-shipped", new Shipment("42", 3));

              assertThat(server.takeTrigger().data())
                  .isEqualTo("{\"order_id\":\"42\",\"item_count\":3}");
            });
  }

  @Test
  void writesPojosWithTheApplicationsOwnObjectMapperBean() {
    ObjectMapper kebab =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();
    runner
        .withBean(ObjectMapper.class, () -> kebab)
        .run(
            context -> {
              context
                  .getBean(Pusher.class)
                  .trigger("orders", "order-shipped", new Shipment("42", 3));

              assertThat(server.takeTrigger().data())
                  .isEqualTo("{\"order-id\":\"42\",\"item-count\":3}");
            });
  }

  @Test
  void usesThePayloadEncoderBeanOfTheApplicationOverItsMapper() {
    ObjectMapper kebab =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();
    PayloadEncoder mine = data -> "{\"mine\":true}";
    runner
        .withBean(ObjectMapper.class, () -> kebab)
        .withBean(PayloadEncoder.class, () -> mine)
        .run(
            context -> {
              assertThat(context.getBean(PayloadEncoder.class)).isSameAs(mine);

              context
                  .getBean(Pusher.class)
                  .trigger("orders", "order-shipped", new Shipment("42", 3));

              assertThat(server.takeTrigger().data()).isEqualTo("{\"mine\":true}");
            });
  }

  @Test
  void usesTheEncoderACustomizerSetsOverTheMapper() {
    ObjectMapper kebab =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();
    runner
        .withBean(ObjectMapper.class, () -> kebab)
        .withBean(
            PusherBuilderCustomizer.class, () -> b -> b.payloadEncoder(data -> "\"customized\""))
        .run(
            context -> {
              context
                  .getBean(Pusher.class)
                  .trigger("orders", "order-shipped", new Shipment("42", 3));

              assertThat(server.takeTrigger().data()).isEqualTo("\"customized\"");
            });
  }

  @Test
  void setsNoEncoderWhenTheMapperIsAmbiguous() {
    runner
        .withBean("first", ObjectMapper.class, () -> JsonMapper.builder().build())
        .withBean("second", ObjectMapper.class, () -> JsonMapper.builder().build())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PayloadEncoder.class);
            });
  }
}
