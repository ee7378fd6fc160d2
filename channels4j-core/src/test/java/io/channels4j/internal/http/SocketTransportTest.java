package io.channels4j.internal.http;

import static io.channels4j.spi.tck.Behaviour.respond;
import static io.channels4j.spi.tck.Behaviour.respondThenDropNextRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.FaultyServer;
import io.channels4j.spi.tck.HttpTransportContract;
import io.channels4j.spi.tck.TestTls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default transport: the contract, plus TLS and pool behaviour of its own. */
class SocketTransportTest extends HttpTransportContract {
  private static SSLContext serverTls;
  private static SSLContext clientTls;

  @Override
  protected HttpTransport newTransport(Duration connectTimeout) {
    return new SocketTransport(connectTimeout, 8, Duration.ofSeconds(30));
  }

  @Override
  protected HttpTransport newTransport(
      Duration connectTimeout,
      SSLContext tls,
      ProxySelector proxy,
      String proxyUser,
      String proxyPassword) {
    return new SocketTransport(
        new TransportConfig(
            connectTimeout,
            8,
            Duration.ofSeconds(30),
            proxy,
            proxyUser,
            proxyPassword,
            tls,
            null,
            TransportConfig.DEFAULT_MAX_RESPONSE_BYTES));
  }

  private SocketTransport tlsTransport() {
    return (SocketTransport) newTransport(Duration.ofSeconds(2), clientTls, null, null, null);
  }

  @BeforeAll
  static void loadTestCertificate() {
    serverTls = TestTls.localhostServer();
    clientTls = TestTls.trustingClient();
  }

  private static HttpRequest post(URI uri, String body, Duration timeout) {
    return new HttpRequest(
        "POST",
        uri,
        Map.of("Content-Type", "application/json"),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        timeout);
  }

  private HttpRequest post(String body) {
    return post(server.uri("/apps/1/events"), body, Duration.ofSeconds(5));
  }

  // ---------------------------------------------------------------------------- response head

  @Test
  void readsHeaderNamesInAnyCaseTrimmedKeepingTheFirstValueOfEach() throws IOException {
    server.enqueue(
        e -> {
          e.write(
              "HTTP/1.1 200 OK\r\n"
                  + "CONTENT-type:  application/json \r\n"
                  + "X-Custom-Thing:\tone\r\n"
                  + "x-custom-thing: two\r\n"
                  + "no colon here\r\n"
                  + ": no name\r\n"
                  + "Retry-After: 7\r\n"
                  + "Content-Length: 2\r\n"
                  + "\r\n"
                  + "{}");
          return true;
        });

    var response = transport.send(post("{}"));

    assertThat(response.headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "content-type", "application/json",
                "x-custom-thing", "one",
                "retry-after", "7",
                "content-length", "2"));
    assertThat(response.bodyText()).isEqualTo("{}");
  }

  @Test
  void readsMoreHeadersThanFitTheSmallMapAndBareLineFeeds() throws IOException {
    server.enqueue(
        e -> {
          StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\n");
          for (int i = 0; i < 14; i++) {
            head.append("X-H").append(i).append(": v").append(i).append('\n');
          }
          head.append("X-H3: again\n").append("Content-Length: 2\n\n{}");
          e.write(head.toString());
          return true;
        });

    var response = transport.send(post("{}"));

    assertThat(response.headers())
        .hasSize(15)
        .containsEntry("x-h3", "v3")
        .containsEntry("x-h13", "v13");
    assertThat(response.bodyText()).isEqualTo("{}");
  }

  @Test
  void dropsCarriageReturnsInsideAHeaderLine() throws IOException {
    server.enqueue(
        e -> {
          e.write("HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 2\r\n\r\n{}");
          return true;
        });

    assertThat(transport.send(post("{}")).headers()).containsEntry("x-a", "ab");
  }

  @Test
  void refusesAHeadLargerThanItsLimit() {
    server.enqueue(
        e -> {
          e.write("HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(70_000) + "\r\n\r\n");
          return true;
        });

    assertThat(catchThrowable(() -> transport.send(post("{}"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("65536 bytes");
  }

  @Test
  void neverTakesAnUnsolicitedAnswerOnAnIdleConnectionForTheNextRequest() throws Exception {
    // The server answers, then, idle, writes a 408 of its own and closes, as some servers do.
    server.enqueue(
        e -> {
          e.writeHead(200, "Content-Length", "2");
          e.write("{}");
          Thread.sleep(100);
          e.write("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
          return false;
        },
        respond(200, "{\"n\":2}"));
    assertThat(transport.send(post("{}")).status()).isEqualTo(200);
    Thread.sleep(1_200); // idle long enough to be checked before reuse

    var second = transport.send(post("{}"));

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.bodyText()).isEqualTo("{\"n\":2}");
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  // -------------------------------------------------------------------------- client endpoint

  @Test
  void parsesOriginsToEndpointsAndRefusesAnythingElse() {
    assertThat(Endpoint.parse("https://api-mt1.pusher.com"))
        .isEqualTo(
            new Endpoint(
                "https://api-mt1.pusher.com",
                true,
                "api-mt1.pusher.com",
                443,
                "api-mt1.pusher.com",
                "s:api-mt1.pusher.com:443"));
    assertThat(Endpoint.parse("http://127.0.0.1:6001"))
        .isEqualTo(
            new Endpoint(
                "http://127.0.0.1:6001",
                false,
                "127.0.0.1",
                6001,
                "127.0.0.1:6001",
                "p:127.0.0.1:6001"));
    assertThat(Endpoint.parse("http://[::1]:8080").host()).isEqualTo("::1");
    for (String bad :
        new String[] {
          "http://a#b", "http://user@host", "ftp://host", "http://bad host", "http://h/p"
        }) {
      assertThat(catchThrowable(() -> Endpoint.parse(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void sendsTheSameBytesForARequestMadeOfOriginAndTargetAsForOneMadeOfAUri() throws IOException {
    URI uri = server.uri("/apps/1/events?auth_key=k&auth_signature=s");
    byte[] body = "{\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Map<String, String> headers = Map.of("Content-Type", "application/json");

    transport.send(new HttpRequest("POST", uri, headers, body, Duration.ofSeconds(5)));
    transport.send(
        HttpRequest.of(
            "POST",
            "http://127.0.0.1:" + server.port(),
            "/apps/1/events?auth_key=k&auth_signature=s",
            headers,
            body,
            Duration.ofSeconds(5)));

    var viaUri = server.takeRequest(Duration.ofSeconds(5));
    var viaParts = server.takeRequest(Duration.ofSeconds(5));
    assertThat(viaParts.target()).isEqualTo(viaUri.target());
    assertThat(viaParts.headers()).isEqualTo(viaUri.headers());
    assertThat(viaParts.body()).isEqualTo(viaUri.body());
  }

  @Test
  void closesTheConnectionAfterASwitchingProtocolsAnswer() {
    server.enqueue(io.channels4j.spi.tck.Behaviour.switchProtocols());

    assertThat(catchThrowable(() -> transport.send(post("{}"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("101");
    assertThat(server.awaitOpenConnectionsAtMost(0, Duration.ofSeconds(5))).isTrue();
  }

  // ------------------------------------------------------------------------------ keep-alive

  @Test
  void reusesItsConnectionsUnderConcurrentLoad() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        answers.add(pool.submit(() -> transport.send(post("{}")).status()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requestCount()).isEqualTo(400);
    assertThat(server.connectionCount()).isLessThanOrEqualTo(8);
  }

  @Test
  void doesNotReuseAConnectionTheServerKeepsIdleForOnlyASecond() throws IOException {
    server.setFallback(respond(200, "{}", "Keep-Alive", "timeout=1, max=100"));

    transport.send(post("{}"));
    transport.send(post("{}"));

    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void reusesAConnectionWithinTheServersKeepAliveTimeout() throws IOException {
    server.setFallback(respond(200, "{}", "Keep-Alive", "timeout=5"));

    transport.send(post("{}"));
    transport.send(post("{}"));

    assertThat(server.connectionCount()).isEqualTo(1);
  }

  @Test
  void givesUpAConnectionASecondBeforeTheServersKeepAliveTimeout() throws Exception {
    server.setFallback(respond(200, "{}", "Keep-Alive", "timeout=2"));

    transport.send(post("{}"));
    Thread.sleep(1_100);
    transport.send(post("{}"));

    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void growsTheBodyBufferWithTheBytesThatArriveNotWithTheAnnouncedLength() throws Exception {
    // Announces just under 1 MiB and sends 10 bytes: the old transport allocated the whole MiB.
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    transport.send(get()); // warm up the code path
    long before = threads.getCurrentThreadAllocatedBytes();

    Throwable thrown =
        catchThrowable(
            () -> {
              server.enqueue(
                  e -> {
                    e.writeHead(200, "Content-Length", "1000000");
                    e.write("0123456789");
                    e.close();
                    return false;
                  });
              transport.send(get());
            });
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(thrown).isInstanceOf(java.io.EOFException.class);
    assertThat(allocated).isLessThan(400_000);
  }

  private HttpRequest get() {
    return new HttpRequest(
        "GET", server.uri("/apps/1/channels"), Map.of(), new byte[0], Duration.ofSeconds(5));
  }

  // ------------------------------------------------------------------------------------ pool

  @Test
  void closeReleasesIdleConnections() throws IOException {
    assertThat(transport.send(post("{}")).status()).isEqualTo(200);
    assertThat(((SocketTransport) transport).idleConnections()).isEqualTo(1);

    transport.close();

    assertThat(((SocketTransport) transport).idleConnections()).isZero();
    assertThat(server.awaitOpenConnectionsAtMost(0, Duration.ofSeconds(5))).isTrue();
    assertThat(catchThrowable(() -> transport.send(post("{}"))))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void closesConnectionsIdleLongerThanTheIdleTimeout() throws Exception {
    try (SocketTransport shortIdle =
        new SocketTransport(Duration.ofSeconds(1), 8, Duration.ofMillis(100))) {
      assertThat(shortIdle.send(post("{}")).status()).isEqualTo(200);
      Thread.sleep(200);

      assertThat(shortIdle.send(post("{}")).status()).isEqualTo(200);

      assertThat(server.connectionCount()).isEqualTo(2);
      assertThat(server.awaitOpenConnectionsAtMost(1, Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void keepsNoMoreIdleConnectionsThanItsLimit() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    server.setFallback(io.channels4j.spi.tck.Behaviour.holdUntil(gate, respond(200, "{}")));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (SocketTransport oneIdle =
        new SocketTransport(Duration.ofSeconds(1), 1, Duration.ofSeconds(30))) {
      Future<?> a = pool.submit(() -> oneIdle.send(post("{}")));
      Future<?> b = pool.submit(() -> oneIdle.send(post("{}")));
      Future<?> c = pool.submit(() -> oneIdle.send(post("{}")));
      assertThat(server.awaitRequests(3, Duration.ofSeconds(5))).isTrue();
      gate.countDown();
      a.get(5, TimeUnit.SECONDS);
      b.get(5, TimeUnit.SECONDS);
      c.get(5, TimeUnit.SECONDS);

      assertThat(oneIdle.idleConnections()).isEqualTo(1);
      assertThat(server.awaitOpenConnectionsAtMost(1, Duration.ofSeconds(5))).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------------------------- TLS

  @Test
  void sendsOverTlsAndReusesTheConnection() throws IOException {
    try (FaultyServer tls = FaultyServer.startTls(serverTls);
        SocketTransport tlsSender = tlsTransport()) {
      URI uri = tls.uri("/apps/1/events");

      assertThat(tlsSender.send(post(uri, "{\"n\":1}", Duration.ofSeconds(5))).status())
          .isEqualTo(200);
      assertThat(tlsSender.send(post(uri, "{\"n\":2}", Duration.ofSeconds(5))).status())
          .isEqualTo(200);

      assertThat(tls.takeRequest(Duration.ofSeconds(5)).bodyText()).isEqualTo("{\"n\":1}");
      assertThat(tls.takeRequest(Duration.ofSeconds(5)).bodyText()).isEqualTo("{\"n\":2}");
      assertThat(tls.connectionCount()).isEqualTo(1);
    }
  }

  @Test
  void boundsTheTlsHandshakeByTheRequestTimeoutAndSaysNothingWasSent() {
    try (FaultyServer silent = FaultyServer.start().silentOnAccept();
        SocketTransport tlsSender = tlsTransport()) {
      URI uri = URI.create("https://127.0.0.1:" + silent.port() + "/apps/1/events");

      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> tlsSender.send(post(uri, "{}", TIMEOUT)));

      assertThat(thrown).isInstanceOf(ConnectException.class);
      assertThat(thrown.getCause()).isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
      assertThat(silent.awaitOpenConnectionsAtMost(0, MARGIN)).isTrue();
    }
  }

  @Test
  void boundsAProxyTunnelThatNeverAnswersByTheRequestTimeoutAndSaysNothingWasSent() {
    // A proxy that accepts the connection and never answers the CONNECT.
    try (FaultyServer silentProxy = FaultyServer.start().silentOnAccept();
        HttpTransport proxied =
            newTransport(
                Duration.ofSeconds(2),
                clientTls,
                ProxySelector.of(new InetSocketAddress("127.0.0.1", silentProxy.port())),
                null,
                null)) {
      URI uri = URI.create("https://127.0.0.1:" + FaultyServer.closedPort() + "/apps/1/events");

      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> proxied.send(post(uri, "{}", TIMEOUT)));

      assertThat(thrown).isInstanceOf(ConnectException.class);
      assertThat(thrown.getCause()).isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
      assertThat(silentProxy.awaitOpenConnectionsAtMost(0, MARGIN)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void detectsAnIdleTlsConnectionTheServerClosed(boolean reset) throws Exception {
    try (FaultyServer tls = FaultyServer.startTls(serverTls);
        SocketTransport tlsSender = tlsTransport()) {
      tls.closeIdleConnectionsAfter(Duration.ofMillis(50), reset);
      URI uri = tls.uri("/apps/1/events");
      assertThat(tlsSender.send(post(uri, "{\"n\":1}", Duration.ofSeconds(5))).status())
          .isEqualTo(200);
      assertThat(tls.awaitOpenConnectionsAtMost(0, Duration.ofSeconds(5))).isTrue();
      Thread.sleep(50);

      assertThat(tlsSender.send(post(uri, "{\"n\":2}", Duration.ofSeconds(5))).status())
          .isEqualTo(200);

      assertThat(tls.requestCount()).isEqualTo(2);
      assertThat(tls.connectionCount()).isEqualTo(2);
    }
  }

  @Test
  void neverSendsTwiceARequestATlsServerDroppedOnAReusedConnection() throws Exception {
    try (FaultyServer tls = FaultyServer.startTls(serverTls);
        SocketTransport tlsSender = tlsTransport()) {
      tls.enqueue(respondThenDropNextRequest(200, "{}"), respond(200, "{\"n\":2}"));
      URI uri = tls.uri("/apps/1/events");
      assertThat(tlsSender.send(post(uri, "{\"n\":1}", Duration.ofSeconds(5))).status())
          .isEqualTo(200);

      Throwable thrown =
          catchThrowable(() -> tlsSender.send(post(uri, "{\"n\":2}", Duration.ofSeconds(5))));

      Thread.sleep(200);
      // Either it failed before the request was written (then resent once) or it is reported.
      assertThat(tls.requestCount()).isEqualTo(thrown == null ? 2 : 1);
      if (thrown != null) {
        assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
      }
    }
  }
}
