package io.channels4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input in bulk costs bounded memory: forged bodies are never kept, oversized bodies are
 * answered unread, and the recordings drop their oldest entries when full.
 */
class PusherTestServerFloodTest {
  private static final String EVENTS = "/apps/" + PusherTestServer.DEFAULT_APP_ID + "/events";

  private PusherTestServer server = PusherTestServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answers413ToADozenUnsigned15MegabyteBodiesAndKeepsNoneOfThem() {
    long size = 15L * 1024 * 1024;
    for (int i = 0; i < 12; i++) {
      try (RawSocket client = new RawSocket(server)) {
        client.send(
            "POST "
                + EVENTS
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + size
                + "\r\n\r\n");
        client.sendFiller(size);
        assertThat(client.readStatus()).isEqualTo(413);
      }
    }
    assertThat(server.requests()).hasSize(12);
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.body()).isEmpty());
    assertThat(server.recordedBodyBytes()).isZero();
    server.client().trigger("orders", "created", "{\"id\":1}");
    assertThat(server.takeTrigger().channel()).isEqualTo("orders");
  }

  @Test
  void theLimitMessageNamesTheSizeAndTheLimit() {
    String body = "x".repeat(700_000);
    RawApi.Response r = new RawApi(server).send("POST", EVENTS, body);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body())
        .isEqualTo(
            "The payload size is too big: the body has 700000 bytes, at most 679936 for 10"
                + " events of 10240 bytes of data");
  }

  @Test
  void keepsNoBodyOfUnsignedRequestsUnderTheLimit() {
    String body = "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"" + "x".repeat(500_000) + "\"}";
    RawApi raw = new RawApi(server);
    for (int i = 0; i < 20; i++) {
      assertThat(raw.send("POST", EVENTS, body).status()).isEqualTo(401);
    }
    assertThat(server.requests()).hasSize(20);
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.body()).isEmpty());
    assertThat(server.recordedBodyBytes()).isZero();
  }

  @Test
  void keepsNoBodyThatDoesNotMatchItsSignedMd5() {
    RawApi.Response r =
        new RawApi(server)
            .signedWithBody(
                "POST",
                EVENTS,
                Map.of(),
                "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"x\"}",
                "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"forged\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("Invalid body_md5: it does not match the body");
    assertThat(server.takeRequest().body()).isEmpty();
    assertThat(server.recordedBodyBytes()).isZero();
  }

  @Test
  void keepsTheBodyOfAGenuineRequest() {
    server.client().trigger("c", "e", "x");
    RecordedRequest r = server.takeRequest();
    assertThat(r.bodyText()).contains("\"data\":\"x\"");
    assertThat(server.recordedBodyBytes()).isEqualTo(r.body().length);
  }

  @Test
  void answers413ToASignedChunkedBodyOverTheLimit() throws IOException {
    byte[] body = new byte[700_000];
    Arrays.fill(body, (byte) ' ');
    String query =
        new RawApi(server)
            .signedQuery("POST", EVENTS, Map.of(), new String(body, StandardCharsets.UTF_8));
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create(server.baseUri() + EVENTS + "?" + query)
                .toURL()
                .openConnection(Proxy.NO_PROXY);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setChunkedStreamingMode(8192);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    } catch (IOException closedEarly) {
      throw new UncheckedIOException(closedEarly);
    }
    assertThat(c.getResponseCode()).isEqualTo(413);
    assertThat(server.recordedBodyBytes()).isZero();
  }

  @Test
  void dropsTheOldestRequestsAndEventsWhenTheRecordingIsFullAndCountsThem() {
    server.close();
    server = PusherTestServer.builder().maxRecordings(5).start();
    for (int i = 1; i <= 8; i++) {
      server.client().trigger("c", "e" + i, "x");
    }
    assertThat(server.requests()).hasSize(5);
    assertThat(server.droppedRequests()).isEqualTo(3);
    assertThat(server.triggers())
        .extracting(RecordedTrigger::name)
        .containsExactly("e4", "e5", "e6", "e7", "e8");
    assertThat(server.droppedTriggers()).isEqualTo(3);
    assertThat(server.takeTrigger().name()).isEqualTo("e4");
  }

  @Test
  void keepsRequestBodiesWithinTheByteBudget() {
    server.close();
    server = PusherTestServer.builder().maxRecordedBytes(2_000).start();
    for (int i = 0; i < 20; i++) {
      server.client().trigger("c", "e", "x".repeat(300));
    }
    assertThat(server.recordedBodyBytes()).isBetween(1L, 2_000L);
    assertThat(server.requests().stream().mapToLong(r -> r.body().length).sum())
        .isEqualTo(server.recordedBodyBytes());
    assertThat(server.droppedRequests()).isEqualTo(20 - server.requests().size()).isPositive();
    assertThat(server.triggers().stream().mapToLong(t -> t.data().length()).sum())
        .isLessThanOrEqualTo(2_000);
  }

  @Test
  void resetForgetsTheDropCounts() {
    server.close();
    server = PusherTestServer.builder().maxRecordings(1).start();
    server.client().trigger("c", "e", "x");
    server.client().trigger("c", "e", "x");
    assertThat(server.droppedRequests()).isEqualTo(1);
    server.reset();
    assertThat(server.droppedRequests()).isZero();
    assertThat(server.droppedTriggers()).isZero();
    assertThat(server.recordedBodyBytes()).isZero();
  }
}
