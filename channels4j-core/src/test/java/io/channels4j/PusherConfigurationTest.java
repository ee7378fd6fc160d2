package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder: defaults, where requests go, required settings, and who owns the transport. */
class PusherConfigurationTest {
  private static final String SECRET = "s3cr3t-value-that-must-never-show";

  /** Records requests instead of sending them, and answers 200 {}. */
  private static final class CapturingTransport implements HttpTransport {
    final List<HttpRequest> requests = new ArrayList<>();
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public synchronized HttpResponse send(HttpRequest request) {
      requests.add(request);
      return new HttpResponse(
          200, Map.of(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }

    synchronized HttpRequest last() {
      assertThat(requests).isNotEmpty();
      return requests.get(requests.size() - 1);
    }
  }

  private final CapturingTransport transport = new CapturingTransport();

  private Pusher.Builder builder() {
    return Pusher.builder().appId("123").key("the-key").secret(SECRET).transport(transport);
  }

  private String triggerUri(Pusher.Builder builder) {
    try (Pusher pusher = builder.build()) {
      pusher.trigger("my-channel", "my-event", "x");
    }
    String uri = transport.last().uri().toString();
    return uri.substring(0, uri.indexOf('?'));
  }

  @Test
  void sendsToClusterMt1OverHttpsByDefault() {
    assertThat(triggerUri(builder())).isEqualTo("https://api-mt1.pusher.com/apps/123/events");
  }

  @Test
  void sendsToTheChosenCluster() {
    assertThat(triggerUri(builder().cluster("eu")))
        .isEqualTo("https://api-eu.pusher.com/apps/123/events");
  }

  @Test
  void sendsPlainHttpWhenTlsIsOff() {
    assertThat(triggerUri(builder().useTls(false)))
        .isEqualTo("http://api-mt1.pusher.com/apps/123/events");
  }

  @Test
  void sendsToAnExplicitPort() {
    assertThat(triggerUri(builder().port(8443)))
        .isEqualTo("https://api-mt1.pusher.com:8443/apps/123/events");
  }

  @Test
  void takesThePortFromAHostWithPortKeepingTls() {
    assertThat(triggerUri(builder().host("h:1234"))).isEqualTo("https://h:1234/apps/123/events");
  }

  @Test
  void takesThePortFromAHostWithPort() {
    assertThat(triggerUri(builder().host("soketi.local:6001").useTls(false)))
        .isEqualTo("http://soketi.local:6001/apps/123/events");
  }

  @Test
  void letsTheHostWinOverTheClusterWhicheverIsSetFirst() {
    assertThat(triggerUri(builder().host("my.server.com").cluster("eu")))
        .isEqualTo("https://my.server.com/apps/123/events");
    assertThat(triggerUri(builder().cluster("eu").host("my.server.com")))
        .isEqualTo("https://my.server.com/apps/123/events");
  }

  @Test
  void letsAnExplicitPortCallWinOverAnEarlierHostPort() {
    assertThat(triggerUri(builder().host("h:1234").port(5678)))
        .isEqualTo("https://h:5678/apps/123/events");
  }

  @Test
  void treatsTheAppIdAsAnOpaqueString() {
    assertThat(triggerUri(builder().appId("app-id")))
        .isEqualTo("https://api-mt1.pusher.com/apps/app-id/events");
  }

  @Test
  void givesEachRequestFiveSecondsByDefault() {
    triggerUri(builder());

    assertThat(transport.last().timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void givesEachRequestTheConfiguredTimeout() {
    triggerUri(builder().timeout(Duration.ofMillis(1500)));

    assertThat(transport.last().timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void namesEveryMissingRequiredSettingAtBuild() {
    assertThatThrownBy(() -> Pusher.builder().build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("missing required settings: appId, key, secret");
    assertThatThrownBy(() -> Pusher.builder().appId("1").key("k").build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("missing required settings: secret");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536})
  void rejectsAPortOutOfRange(int port) {
    assertThatThrownBy(() -> Pusher.builder().port(port))
        .isInstanceOf(ValidationException.class)
        .hasMessage("port must be 1 to 65535, but is " + port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.example.com", "host/path", "user@host", "a host", "h?q"})
  void rejectsAHostWithSchemePathOrCredentials(String host) {
    assertThatThrownBy(() -> Pusher.builder().host(host))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("host must be a host name or host:port");
  }

  @Test
  void rejectsAHostWithANonNumericPort() {
    assertThatThrownBy(() -> Pusher.builder().host("h:http"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "host must be host or host:port with a port of 1 to 65535, but the 4 characters after"
                + " ':' are not a number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eu.evil.com/", "e u", "eu:1"})
  void rejectsAClusterThatIsNotAName(String cluster) {
    assertThatThrownBy(() -> Pusher.builder().cluster(cluster))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("cluster may contain only letters, digits and -");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1/2", "a b", "id?x", "é"})
  void rejectsAnAppIdThatCannotBeAPathSegment(String appId) {
    assertThatThrownBy(() -> Pusher.builder().appId(appId))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("appId may contain only letters, digits and -_.");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "..."})
  void rejectsAnAppIdMadeOnlyOfDotsThatWouldBeADotSegmentOfThePath(String appId) {
    assertThatThrownBy(() -> Pusher.builder().appId(appId))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "appId must not be made only of dots (it would be a dot-segment of the request path,"
                + " which servers and proxies remove), but is '"
                + appId
                + "'");
  }

  @Test
  void rejectsAnEmptyOrTooLongAppId() {
    assertThatThrownBy(() -> Pusher.builder().appId(""))
        .isInstanceOf(ValidationException.class)
        .hasMessage("appId must be 1 to 200 characters long, but has 0");
    assertThatThrownBy(() -> Pusher.builder().appId("1".repeat(201)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("appId must be 1 to 200 characters long, but has 201");
  }

  @Test
  void rejectsBlankCredentials() {
    assertThatThrownBy(() -> Pusher.builder().key(" "))
        .isInstanceOf(ValidationException.class)
        .hasMessage("key must not be empty");
    assertThatThrownBy(() -> Pusher.builder().secret(""))
        .isInstanceOf(ValidationException.class)
        .hasMessage("secret must not be empty");
  }

  @Test
  void rejectsATimeoutThatIsNotPositiveOrAboveTenMinutes() {
    for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofMinutes(11))) {
      assertThatThrownBy(() -> Pusher.builder().timeout(bad))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("timeout must be between 1 ms and 10 minutes");
    }
  }

  @Test
  void rejectsAnEventDataLimitOutOfRange() {
    assertThatThrownBy(() -> Pusher.builder().maxEventDataBytes(0))
        .isInstanceOf(ValidationException.class)
        .hasMessage("maxEventDataBytes must be 1 to 10485760, but is 0");
  }

  @Test
  void neverShowsTheSecretInToString() {
    Pusher.Builder builder = builder().host("my.server.com");
    try (Pusher pusher = builder.build()) {
      assertThat(pusher.toString())
          .doesNotContain(SECRET)
          .contains("123")
          .contains("the-key")
          .contains("https://my.server.com");
      assertThat(builder.toString()).doesNotContain(SECRET).contains("the-key");
      assertThat(pusher.newBuilder().toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void derivesAVariantThatKeepsTheOriginalsSettings() {
    try (Pusher original = builder().host("my.server.com").build();
        Pusher variant =
            original.newBuilder().appId("456").timeout(Duration.ofSeconds(1)).build()) {
      original.trigger("c", "e", "x");
      HttpRequest fromOriginal = transport.last();
      variant.trigger("c", "e", "x");
      HttpRequest fromVariant = transport.last();

      assertThat(fromOriginal.uri().toString())
          .startsWith("https://my.server.com/apps/123/events?");
      assertThat(fromOriginal.timeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(fromVariant.uri().toString()).startsWith("https://my.server.com/apps/456/events?");
      assertThat(fromVariant.timeout()).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void neverClosesATransportTheCallerGave() {
    try (Pusher pusher = builder().build()) {
      pusher.newBuilder().build().close();
    }

    assertThat(transport.closes).hasValue(0);
  }

  @Test
  void sharesItsOwnTransportWithDerivedClientsThatDoNotCloseIt() {
    try (RecordingServer server = RecordingServer.start();
        Pusher original = server.client()) {
      Pusher derived = original.newBuilder().appId("other-app").build();
      derived.trigger("c", "e", "x");
      derived.close();

      original.trigger("c", "e", "x");

      assertThat(server.takeRequest().path()).isEqualTo("/apps/other-app/events");
      assertThat(server.takeRequest().path()).isEqualTo("/apps/app-id/events");
    }
  }

  @Test
  void closesTheTransportItCreated() {
    try (RecordingServer server = RecordingServer.start()) {
      Pusher pusher = server.client();
      pusher.close();

      assertThatThrownBy(() -> pusher.trigger("c", "e", "x"))
          .isInstanceOf(TransportException.class);
      assertThat(server.requestCount()).isZero();
    }
  }
}
