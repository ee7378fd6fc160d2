package io.channels4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ApiException;
import io.channels4j.Pusher;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The library's log lines (System.Logger, whose default backend is java.util.logging) reach a
 * Spring Boot application's log with Boot's default logging (Logback, and the JUL bridge Boot
 * installs), with nothing added: docs/logging.md says so.
 */
@SpringBootTest(
    classes = LoggingTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "pusher.retry.max-attempts=2",
      "pusher.retry.initial-backoff=1ms",
      "pusher.retry.max-backoff=5ms"
    })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class LoggingTest {
  private static final PusherTestServer server = PusherTestServer.start();
  private static final String CHANNEL = "private-orders-of-user-4711";
  private static final String PAYLOAD = "{\"card\":\"payload-never-logged\"}";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @DynamicPropertySource
  static void pusher(DynamicPropertyRegistry registry) {
    registry.add("pusher.url", server::url);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Autowired Pusher pusher;

  @Test
  void aRetryAndAFinalFailureAppearInTheApplicationsLogWithoutSecretPathOrPayload(
      CapturedOutput output) {
    server.enqueueFault(Fault.status(503));
    pusher.trigger(CHANNEL, "my-event", PAYLOAD);
    server.enqueueFault(Fault.status(503));
    server.enqueueFault(Fault.status(503));
    assertThatThrownBy(() -> pusher.trigger(CHANNEL, "my-event", PAYLOAD))
        .isInstanceOf(ApiException.class);

    assertThat(output.getOut().lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("INFO")
                    .contains("io.channels4j.client")
                    .containsPattern(
                        "trigger POST attempt 1 failed \\(status 503\\); attempt 2 in"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("WARN")
                    .contains("io.channels4j.client")
                    .endsWith("trigger POST failed after 2 attempts (status 503)"));
    assertThat(output.getAll())
        .doesNotContain(server.secret())
        .doesNotContain("4711")
        .doesNotContain("payload-never-logged")
        .doesNotContain("auth_signature");
  }
}
