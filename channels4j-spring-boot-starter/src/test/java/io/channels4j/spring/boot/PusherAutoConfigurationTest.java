package io.channels4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.Pusher;
import io.channels4j.PusherException;
import io.channels4j.RetryPolicy;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Pusher bean from properties: creation, failures, back-off, customizers and shutdown. */
@Timeout(60)
class PusherAutoConfigurationTest {
  private static final PusherTestServer server = PusherTestServer.start();
  private static final String SECRET = PusherTestServer.DEFAULT_SECRET;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PusherAutoConfiguration.class));

  @BeforeEach
  void reset() {
    server.reset();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private String[] separateProperties() {
    return new String[] {
      "pusher.app-id=" + server.appId(),
      "pusher.key=" + server.key(),
      "pusher.secret=" + server.secret(),
      "pusher.host=127.0.0.1",
      "pusher.port=" + server.port(),
      "pusher.use-tls=false"
    };
  }

  @Test
  void buildsAClientFromSeparatePropertiesThatTriggers() {
    runner
        .withPropertyValues(separateProperties())
        .run(
            context -> {
              context.getBean(Pusher.class).trigger("my-channel", "my-event", Map.of("n", 1));

              RecordedTrigger t = server.takeTrigger();
              assertThat(t.channel()).isEqualTo("my-channel");
              assertThat(t.data()).isEqualTo("{\"n\":1}");
            });
  }

  @Test
  void buildsAClientFromTheUrlWithTheRetrySettings() {
    server.enqueueFault(Fault.status(503), 2);
    runner
        .withPropertyValues(
            "pusher.url=" + server.url(),
            "pusher.retry.max-attempts=3",
            "pusher.retry.initial-backoff=1ms",
            "pusher.retry.max-backoff=5ms")
        .run(
            context -> {
              context.getBean(Pusher.class).trigger("my-channel", "my-event", "{}");

              assertThat(server.requests()).hasSize(3);
              assertThat(server.takeTrigger().channel()).isEqualTo("my-channel");
            });
  }

  @Test
  void honoursTheRetrySettingsThatTurnRetriesOff() {
    server.enqueueFault(Fault.status(503));
    runner
        .withPropertyValues("pusher.url=" + server.url(), "pusher.retry.max-attempts=1")
        .run(
            context -> {
              Pusher pusher = context.getBean(Pusher.class);

              assertThat(
                      org.assertj.core.api.Assertions.catchThrowable(
                          () -> pusher.trigger("my-channel", "my-event", "{}")))
                  .isInstanceOf(PusherException.class);
              assertThat(server.requests()).hasSize(1);
            });
  }

  @Test
  void failsAtStartupNamingTheMissingPropertyNeverTheSecret() {
    runner
        .withPropertyValues("pusher.key=the-key", "pusher.secret=" + SECRET)
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              assertThat(rootCause(failure))
                  .isInstanceOf(PusherPropertiesException.class)
                  .hasMessageContaining("pusher.app-id")
                  .hasMessageNotContaining(SECRET);
              assertThat(((PusherPropertiesException) rootCause(failure)).property())
                  .isEqualTo("pusher.app-id");
            });
  }

  @Test
  void failsAtStartupNamingAnInvalidPropertyNeverTheSecret() {
    runner
        .withPropertyValues(separateProperties())
        .withPropertyValues("pusher.port=99999")
        .run(
            context -> {
              Throwable root = rootCause(context.getStartupFailure());
              assertThat(root)
                  .isInstanceOf(PusherPropertiesException.class)
                  .hasMessageContaining("pusher.port")
                  .hasMessageContaining("99999")
                  .hasMessageNotContaining(SECRET);
            });
  }

  @Test
  void failsAtStartupOnAMalformedUrlWithoutQuotingIt() {
    String secret = "url-secret-value";
    runner
        .withPropertyValues("pusher.url=ftp://k:" + secret + "@127.0.0.1/apps/")
        .run(
            context -> {
              Throwable root = rootCause(context.getStartupFailure());
              assertThat(root)
                  .isInstanceOf(PusherPropertiesException.class)
                  .hasMessageContaining("pusher.url")
                  .hasMessageNotContaining(secret);
            });
  }

  @Test
  void refusesTheUrlTogetherWithSeparateCredentials() {
    runner
        .withPropertyValues("pusher.url=" + server.url(), "pusher.key=other")
        .run(
            context ->
                assertThat(rootCause(context.getStartupFailure()))
                    .hasMessageContaining("pusher.url")
                    .hasMessageContaining("pusher.key"));
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnPusher() {
    try (Pusher mine = server.clientBuilder().build()) {
      runner
          .withBean(Pusher.class, () -> mine)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Pusher.class)).isSameAs(mine);
              });
    }
  }

  @Test
  void letsCustomizersAdjustTheBuilderAfterTheProperties() {
    runner
        .withPropertyValues("pusher.url=" + server.url(), "pusher.retry.max-attempts=3")
        .withBean(
            PusherBuilderCustomizer.class,
            () -> b -> b.payloadEncoder(data -> "\"custom\"").retryPolicy(RetryPolicy.none()))
        .run(
            context -> {
              context.getBean(Pusher.class).trigger("my-channel", "my-event", Map.of("n", 1));

              assertThat(server.takeTrigger().data()).isEqualTo("\"custom\"");
            });
  }

  @Test
  void closesTheClientWhenTheContextCloses() {
    Pusher[] captured = new Pusher[1];
    runner
        .withPropertyValues("pusher.url=" + server.url())
        .run(context -> captured[0] = context.getBean(Pusher.class));

    Throwable after =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> captured[0].async().trigger("my-channel", "my-event", "{}").join());

    assertThat(after)
        .isInstanceOf(CompletionException.class)
        .cause()
        .hasMessageContaining("closed");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void enablesEncryptedChannelsFromTheMasterKey() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    runner
        .withPropertyValues("pusher.url=" + server.url(), "pusher.encryption-master-key=" + key)
        .run(
            context -> {
              context
                  .getBean(Pusher.class)
                  .trigger("private-encrypted-orders", "my-event", "{\"secret\":1}");

              RecordedTrigger t = server.takeTrigger();
              assertThat(t.data()).contains("ciphertext").contains("nonce");
              assertThat(t.data()).doesNotContain("secret");
            });
  }

  @Test
  void refusesAMalformedMasterKeyWithoutQuotingIt() {
    runner
        .withPropertyValues(
            "pusher.url=" + server.url(), "pusher.encryption-master-key=bm90LTMyLWJ5dGVz")
        .run(
            context ->
                assertThat(rootCause(context.getStartupFailure()))
                    .isInstanceOf(PusherPropertiesException.class)
                    .hasMessageContaining("pusher.encryption-master-key")
                    .hasMessageNotContaining("bm90LTMyLWJ5dGVz"));
  }

  private static Throwable rootCause(Throwable t) {
    assertThat(t).as("a startup failure").isNotNull();
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
