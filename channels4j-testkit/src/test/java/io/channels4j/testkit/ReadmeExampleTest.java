package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.Pusher;
import org.junit.jupiter.api.Test;

/** The testkit snippet of the README, as written there, so the README cannot drift. */
class ReadmeExampleTest {

  @Test
  void readmeSnippetRecordsTheTrigger() {
    try (PusherTestServer server = PusherTestServer.start()) {
      Pusher pusher = server.client();
      pusher.trigger("orders", "created", "{\"id\":1}");
      assertThat(server.takeTrigger().name()).isEqualTo("created");
    }
  }
}
