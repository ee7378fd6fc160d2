package io.channels4j;

import static io.channels4j.FaultyClients.clientOf;
import static io.channels4j.spi.tck.Behaviour.respond;
import static io.channels4j.spi.tck.Behaviour.truncatedBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generic POST is delivered like every POST (docs/delivery.md): retried only when the server
 * provably did not process it, reported otherwise; the generic GET is retried like every read.
 */
@Timeout(20)
class CustomCallDeliveryTest extends FaultyServerFixture {

  @Test
  void aPostTurnedAwayWith503IsSentAgain() {
    server.enqueue(respond(503, "{}"), respond(200, "{\"ok\":1}"));

    RawResponse response = client(clientOf(server)).post("/events", "{}");

    assertThat(response.json()).isEqualTo("{\"ok\":1}");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void aPostAnsweredBy502IsReportedAndNotSentAgain() {
    server.setFallback(respond(502, "bad gateway"));

    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> client(clientOf(server)).post("/events", "{}"));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aPostSentWithoutACompleteAnswerIsReportedAsMaybeSentAndNotSentAgain() {
    server.setFallback(truncatedBody(200, "{\"ok\":1}"));

    TransportException e =
        catchThrowableOfType(
            TransportException.class, () -> client(clientOf(server)).post("/events", "{}"));

    assertThat(e.requestSent()).isTrue();
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aGetAnsweredBy502IsRetriedLikeEveryRead() {
    server.enqueue(respond(502, "bad gateway"), respond(200, "{\"channels\":{}}"));

    RawResponse response = client(clientOf(server)).get("/channels");

    assertThat(response.json()).isEqualTo("{\"channels\":{}}");
    assertThat(server.requestCount()).isEqualTo(2);
  }
}
