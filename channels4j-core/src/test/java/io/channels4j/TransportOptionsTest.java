package io.channels4j;

import static io.channels4j.FaultyClients.clientOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.FaultyServer;
import io.channels4j.spi.tck.TestTls;
import io.channels4j.spi.tck.TinyProxy;
import java.net.ProxySelector;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The builder's options for the built-in transport: TLS, proxy, response cap. */
@Timeout(30)
class TransportOptionsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void sslContextLetsTheClientTrustAPrivateCertificate() {
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer());
        Pusher pusher =
            clientOf(tls)
                .useTls(true)
                .retryPolicy(RetryPolicy.none())
                .sslContext(TestTls.trustingClient())
                .sslParameters(new SSLParameters(null, new String[] {"TLSv1.3"}))
                .build()) {
      pusher.trigger("my-channel", "my-event", "{}");

      assertThat(tls.takeRequest(WAIT).path()).isEqualTo("/apps/1/events");
    }
  }

  @Test
  void verifiesHostNamesEvenWhenTheSslParametersTurnItOff() {
    SSLParameters lax = new SSLParameters();
    lax.setEndpointIdentificationAlgorithm(null);
    try (FaultyServer wrong = FaultyServer.startTls(TestTls.wrongHostServer());
        Pusher pusher =
            clientOf(wrong)
                .useTls(true)
                .retryPolicy(RetryPolicy.none())
                .sslContext(TestTls.trustingClient())
                .sslParameters(lax)
                .build()) {
      assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "{}"))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("TLS handshake");
      assertThat(wrong.requestCount()).isZero();
    }
  }

  @Test
  void theDefaultTrustStoreRefusesThePrivateCertificate() {
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer());
        Pusher pusher = clientOf(tls).useTls(true).retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "{}"))
          .isInstanceOf(TransportException.class)
          .satisfies(e -> assertThat(((TransportException) e).requestSent()).isFalse());
      assertThat(tls.requestCount()).isZero();
    }
  }

  @Test
  void proxyOptionsSendTriggersThroughAnAuthenticatingProxy() {
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer());
        TinyProxy proxy = TinyProxy.start("proxyuser", "proxy-pass", tls.port());
        Pusher pusher =
            clientOf(tls)
                .useTls(true)
                .retryPolicy(RetryPolicy.none())
                .sslContext(TestTls.trustingClient())
                .proxy(ProxySelector.of(proxy.address()))
                .proxyAuthentication("proxyuser", "proxy-pass")
                .build()) {
      pusher.trigger("my-channel", "my-event", "{}");

      assertThat(tls.takeRequest(WAIT).path()).isEqualTo("/apps/1/events");
      assertThat(proxy.log()).contains("CONNECT");
    }
  }

  @Test
  void aProxyRefusingTheCredentialsFailsTheCallAsNotSentWithoutShowingThePassword() {
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer());
        TinyProxy proxy = TinyProxy.start("proxyuser", "proxy-pass", tls.port());
        Pusher pusher =
            clientOf(tls)
                .useTls(true)
                .retryPolicy(RetryPolicy.none())
                .sslContext(TestTls.trustingClient())
                .proxy(ProxySelector.of(proxy.address()))
                .proxyAuthentication("proxyuser", "wrong-secret-pass")
                .build()) {
      assertThatThrownBy(() -> pusher.trigger("my-channel", "my-event", "{}"))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("refused a tunnel")
          .hasMessageContaining("refused the credentials")
          .hasMessageNotContaining("wrong-secret-pass")
          .satisfies(e -> assertThat(((TransportException) e).requestSent()).isFalse());
      assertThat(pusher.toString()).doesNotContain("wrong-secret-pass");
      assertThat(tls.requestCount()).isZero();
    }
  }

  @Test
  void maxResponseSizeRefusesALargerAnswer() {
    try (FaultyServer server = FaultyServer.start();
        Pusher pusher =
            clientOf(server).retryPolicy(RetryPolicy.none()).maxResponseSize(2048).build()) {
      server.enqueue(
          io.channels4j.spi.tck.Behaviour.respond(
              200, "{\"channels\":{}, \"pad\":\"" + "x".repeat(3000) + "\"}"));

      assertThatThrownBy(() -> pusher.channels())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("2048");
    }
  }

  @Test
  void refusesBuiltInTransportSettingsNextToATransportOfOnesOwn() {
    try (HttpTransport own = HttpTransport.pooledSockets(WAIT, 1, WAIT)) {
      assertThatThrownBy(
              () -> clientOf(1).transport(own).sslContext(TestTls.trustingClient()).build())
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("sslContext");
      assertThatThrownBy(() -> Pusher.builder().maxResponseSize(10))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("maxResponseSize");
    }
  }

  @Test
  void proxyAuthenticationRefusesAColonInTheUserName() {
    assertThatThrownBy(() -> Pusher.builder().proxyAuthentication("a:b", "p"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("':'");
  }
}
