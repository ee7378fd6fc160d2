package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Half-sent requests cannot starve the server: each request must be read within the read timeout,
 * after which its connection is closed and its thread freed for real requests.
 */
class PusherTestServerSlowClientTest {
  private static final String EVENTS = "/apps/" + PusherTestServer.DEFAULT_APP_ID + "/events";

  private final PusherTestServer server =
      PusherTestServer.builder().readTimeout(Duration.ofMillis(500)).start();
  private final List<RawSocket> stalled = new ArrayList<>();

  @AfterEach
  void stop() {
    stalled.forEach(RawSocket::close);
    server.close();
  }

  private RawSocket stall(String firstHalf) {
    RawSocket s = new RawSocket(server).send(firstHalf);
    stalled.add(s);
    return s;
  }

  @Test
  void aRealRequestAnswersWhileMoreRequestsThanThreadsAreHalfSent() {
    for (int i = 0; i < 20; i++) {
      stall("POST " + EVENTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
    }
    server.client().trigger("orders", "created", "{\"id\":1}");
    assertThat(server.takeTrigger().channel()).isEqualTo("orders");
  }

  @Test
  void closesTheConnectionOfARequestWhoseHeadersNeverEnd() {
    RawSocket s = stall("GET /apps/4242/channels HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    assertThat(s.readUntilClosed()).isEmpty();
  }

  @Test
  void closesTheConnectionOfARequestWhoseBodyNeverEndsAndRecordsNothing() {
    RawSocket s =
        stall(
            "POST " + EVENTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"na");
    assertThat(s.readUntilClosed()).isEmpty();
    server.client().trigger("c", "e", "x");
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).status()).hasValue(200);
  }

  @Test
  void aHandlerSlowerThanTheReadTimeoutIsNotCut() {
    server.enqueueFault(Fault.delay(Duration.ofMillis(1_500)));
    server.client().trigger("c", "e", "x");
    assertThat(server.takeTrigger().name()).isEqualTo("e");
  }

  @Test
  void refusesANonPositiveReadTimeout() {
    assertThatThrownBy(() -> PusherTestServer.builder().readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("readTimeout must be positive, but is PT0S");
  }
}
