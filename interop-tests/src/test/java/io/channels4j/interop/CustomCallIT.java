package io.channels4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.ApiException;
import io.channels4j.Pusher;
import io.channels4j.RawResponse;
import io.channels4j.RequestListener;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generic signed GET and POST ({@code pusher.get}, {@code pusher.post}) against real soketi:
 * soketi accepts their signatures, answers them as it answers the typed calls, and an event posted
 * through the generic call reaches pusher-js subscribers once, with its data intact.
 */
@ExtendWith(SharedPeers.Resolver.class)
class CustomCallIT {

  private static final String PREFIX = SharedPeers.channelPrefix(CustomCallIT.class);
  private static final String ONE = PREFIX + "custom-one";
  private static final String TWO = PREFIX + "custom-two";

  private static final List<RequestListener.Attempt> WRONG_SECRET_ATTEMPTS =
      new CopyOnWriteArrayList<>();

  private static PusherJsClients clients;
  private static Pusher pusher;
  private static Pusher wrongSecret;

  @BeforeAll
  static void start(SharedPeers peers) {
    pusher = peers.authorizingPusher();
    wrongSecret =
        peers
            .pusherBuilder()
            .secret("not-the-secret")
            .requestListener(
                new RequestListener() {
                  @Override
                  public void onEnd(Attempt attempt) {
                    WRONG_SECRET_ATTEMPTS.add(attempt);
                  }
                })
            .build();
    clients = peers.startClients();
    clients.connect("a");
    clients.connect("b");
    Interop.subscribeAll(clients, "a", ONE, "b", ONE, "b", TWO);
  }

  @AfterAll
  static void stop() {
    Resources.closeAll(clients, pusher, wrongSecret);
  }

  @Test
  void getChannelsWithParametersReadsWhatTheTypedCallReads() throws Exception {
    RawResponse response =
        pusher.get(
            "/channels", Map.of("filter_by_prefix", PREFIX + "custom-", "info", "user_count"));

    assertThat(response.status()).isEqualTo(200);
    JsonNode channels = Interop.parse(response.json()).path("channels");
    assertThat(channels.fieldNames()).toIterable().containsExactlyInAnyOrder(ONE, TWO);

    RawResponse one =
        pusher
            .async()
            .get("/channels/" + ONE, Map.of("info", "subscription_count"))
            .get(20, TimeUnit.SECONDS);
    JsonNode info = Interop.parse(one.json());
    assertThat(info.path("occupied").asBoolean()).isTrue();
    assertThat(info.path("subscription_count").asInt()).isEqualTo(2);
  }

  @Test
  void postEventsReachesEverySubscriberOnceWithItsDataIntact() {
    int mark = clients.mark();
    String data = Interop.TRICKY_PAYLOADS.get(1);
    String body =
        Interop.MAPPER
            .createObjectNode()
            .put("name", "generic")
            .put("data", data)
            .set("channels", Interop.MAPPER.createArrayNode().add(ONE).add(TWO))
            .toString();

    RawResponse response = pusher.post("/events", body);
    Interop.flush(pusher, clients, Map.of("a", ONE, "b", TWO));

    assertThat(response.status()).isEqualTo(200);
    assertThat(Interop.parse(response.json()).isObject()).isTrue();
    assertThat(Interop.deliveries(clients, mark, "generic"))
        .containsExactlyInAnyOrder("a on " + ONE, "b on " + ONE, "b on " + TWO);
    assertThat(Interop.eventLines(clients, mark, "generic"))
        .allSatisfy(line -> assertThat(line.path("rawData").asText()).isEqualTo(data));
  }

  @Test
  void soketisRefusalSentWithHttp200IsAnApiExceptionForGetAndPost() {
    assertThatThrownBy(() -> wrongSecret.get("/channels"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(
            () ->
                wrongSecret.post(
                    "/events",
                    "{\"name\":\"refused\",\"channels\":[\"" + ONE + "\"],\"data\":\"x\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));

    // soketi says so with HTTP 200; each refusal is one attempt, not retried.
    assertThat(WRONG_SECRET_ATTEMPTS)
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.status()).contains(200));
  }
}
