package io.channels4j.spi.tck;

import static io.channels4j.spi.tck.Behaviour.closeWithoutAnswer;
import static io.channels4j.spi.tck.Behaviour.delayed;
import static io.channels4j.spi.tck.Behaviour.hugeBody;
import static io.channels4j.spi.tck.Behaviour.interimThen;
import static io.channels4j.spi.tck.Behaviour.neverAnswer;
import static io.channels4j.spi.tck.Behaviour.raw;
import static io.channels4j.spi.tck.Behaviour.readThenReset;
import static io.channels4j.spi.tck.Behaviour.resetMidResponse;
import static io.channels4j.spi.tck.Behaviour.respond;
import static io.channels4j.spi.tck.Behaviour.respondAndClose;
import static io.channels4j.spi.tck.Behaviour.respondChunked;
import static io.channels4j.spi.tck.Behaviour.respondThenCloseSilently;
import static io.channels4j.spi.tck.Behaviour.respondThenDropNextRequest;
import static io.channels4j.spi.tck.Behaviour.respondUntilClose;
import static io.channels4j.spi.tck.Behaviour.slowBody;
import static io.channels4j.spi.tck.Behaviour.stallWithoutReadingBody;
import static io.channels4j.spi.tck.Behaviour.switchProtocols;
import static io.channels4j.spi.tck.Behaviour.truncatedBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link HttpTransport}: every implementation, the built-in ones and any a user
 * writes, extends this class and passes every test. The tests run over real sockets against a
 * {@link FaultyServer} on 127.0.0.1.
 *
 * <pre>{@code
 * class MyTransportTest extends HttpTransportContract {
 *   @Override
 *   protected HttpTransport newTransport(Duration connectTimeout) {
 *     return new MyTransport(connectTimeout); // default proxy selector, default trust store
 *   }
 *
 *   @Override
 *   protected HttpTransport newTransport(
 *       Duration connectTimeout, SSLContext tls, ProxySelector proxy, String user, String password) {
 *     return new MyTransport(connectTimeout, tls, proxy, user, password);
 *   }
 * }
 * }</pre>
 *
 * <p>The proxy tests run a real {@link TinyProxy}, which the tests fetch and start by themselves.
 */
@Timeout(20)
public abstract class HttpTransportContract {
  /** The whole-request timeout of the timeout tests. */
  protected static final Duration TIMEOUT = Duration.ofMillis(250);

  /**
   * How late a timeout or an interrupt may end the request. Generous because a loaded 2-core
   * machine can stall a thread for a second; a hang still fails.
   */
  protected static final Duration MARGIN = Duration.ofSeconds(2);

  private static final Duration LONG = Duration.ofSeconds(10);

  /** The server of the current test. */
  protected FaultyServer server;

  /** The transport of the current test. */
  protected HttpTransport transport;

  /**
   * Creates the transport under test. Each test creates one and closes it.
   *
   * @param connectTimeout the longest wait for a new connection
   * @return a new transport
   */
  protected abstract HttpTransport newTransport(Duration connectTimeout);

  /**
   * Creates the transport under test with TLS and proxy settings.
   *
   * @param connectTimeout the longest wait for a new connection
   * @param tls the TLS context to use (trusting the test certificates), never null
   * @param proxy the proxy selector to use, or null for {@link ProxySelector#getDefault()}
   * @param proxyUser the proxy's Basic user name, or null for none
   * @param proxyPassword the proxy's Basic password, or null for none
   * @return a new transport
   */
  protected abstract HttpTransport newTransport(
      Duration connectTimeout,
      SSLContext tls,
      ProxySelector proxy,
      String proxyUser,
      String proxyPassword);

  @BeforeEach
  void startServer() {
    server = FaultyServer.start();
    transport = newTransport(Duration.ofMillis(500));
  }

  @AfterEach
  void stopServer() {
    transport.close();
    server.close();
  }

  /**
   * Builds a request to the test server.
   *
   * @param method the method
   * @param pathAndQuery the path and query
   * @param body the body text, empty for none
   * @param timeout the whole-request timeout
   * @return the request
   */
  protected HttpRequest request(String method, String pathAndQuery, String body, Duration timeout) {
    return request(server.uri(pathAndQuery), method, body, timeout);
  }

  private static HttpRequest request(URI uri, String method, String body, Duration timeout) {
    Map<String, String> headers =
        body.isEmpty()
            ? Map.of("X-Pusher-Library", "channels4j-test 1.0")
            : Map.of("X-Pusher-Library", "channels4j-test 1.0", "Content-Type", "application/json");
    return new HttpRequest(method, uri, headers, body.getBytes(StandardCharsets.UTF_8), timeout);
  }

  private HttpRequest get(String pathAndQuery) {
    return request("GET", pathAndQuery, "", LONG);
  }

  private HttpRequest post(String body) {
    return request("POST", "/apps/1/events", body, LONG);
  }

  // ------------------------------------------------------------------------------ round trips

  @Test
  void getSendsMethodTargetAndHeadersAndReturnsTheExactBody() throws IOException {
    byte[] body = "{\"channels\":{\"café\":{}}}".getBytes(StandardCharsets.UTF_8);
    server.enqueue(respond(200, body, "X-Answer", "yes"));

    HttpResponse response =
        transport.send(
            get("/apps/1/channels?auth_key=k&filter_by_prefix=presence-%3Ax&info=a%2Cb"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    assertThat(response.header("X-ANSWER")).contains("yes");
    RecordedRequest seen = server.takeRequest(LONG);
    assertThat(seen.method()).isEqualTo("GET");
    assertThat(seen.target())
        .isEqualTo("/apps/1/channels?auth_key=k&filter_by_prefix=presence-%3Ax&info=a%2Cb");
    assertThat(seen.headers())
        .containsEntry("host", "127.0.0.1:" + server.port())
        .containsEntry("x-pusher-library", "channels4j-test 1.0");
    assertThat(seen.body()).isEmpty();
  }

  @Test
  void postSendsTheExactBodyBytesWithItsLength() throws IOException {
    String body = "{\"name\":\"ünïcødé 🎉\",\"data\":\"{\\\"x\\\":1}\",\"channels\":[\"a\"]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    HttpResponse response = transport.send(post(body));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("{}");
    RecordedRequest seen = server.takeRequest(LONG);
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.body()).isEqualTo(bytes);
    assertThat(seen.headers())
        .containsEntry("content-type", "application/json")
        .containsEntry("x-pusher-library", "channels4j-test 1.0");
    if (seen.headers().containsKey("content-length")) {
      assertThat(seen.headers()).containsEntry("content-length", Integer.toString(bytes.length));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 202, 400, 401, 404, 413, 429, 500, 502, 503})
  void returnsEveryStatusAsAResponse(int status) throws IOException {
    server.enqueue(respond(status, "{\"error\":\"e" + status + "\"}", "Retry-After", "3"));

    HttpResponse response = transport.send(post("{}"));

    assertThat(response.status()).isEqualTo(status);
    assertThat(response.bodyText()).isEqualTo("{\"error\":\"e" + status + "\"}");
    assertThat(response.header("retry-after")).contains("3");
  }

  @Test
  void readsAChunkedBody() throws IOException {
    server.enqueue(respondChunked(200, "{\"channels\":", "{\"a\":{}}", "}"));

    HttpResponse response = transport.send(get("/apps/1/channels"));

    assertThat(response.bodyText()).isEqualTo("{\"channels\":{\"a\":{}}}");
    // The connection stays usable after the chunked body and its trailer.
    assertThat(transport.send(get("/apps/1/channels")).status()).isEqualTo(200);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void readsAnEmptyBody() throws IOException {
    server.enqueue(respond(204, ""), respond(200, ""));

    assertThat(transport.send(post("{}")).body()).isEmpty();
    assertThat(transport.send(post("{}")).body()).isEmpty();
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void readsABodyDelimitedByTheServerClosingTheConnection() throws IOException {
    server.enqueue(respondUntilClose(200, "{\"ok\":true}"));

    HttpResponse response = transport.send(post("{}"));

    assertThat(response.bodyText()).isEqualTo("{\"ok\":true}");
    assertThat(transport.send(post("{}")).status()).isEqualTo(200);
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void opensANewConnectionAfterAConnectionCloseAnswer() throws IOException {
    server.enqueue(respondAndClose(200, "{\"n\":1}"), respond(200, "{\"n\":2}"));

    assertThat(transport.send(post("{}")).bodyText()).isEqualTo("{\"n\":1}");
    assertThat(transport.send(post("{}")).bodyText()).isEqualTo("{\"n\":2}");

    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void handlesConcurrentRequestsFromManyThreads() throws Exception {
    server.setFallback(e -> respond(200, "{\"t\":\"" + e.request().target() + "\"}").answer(e));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String path = "/apps/1/channels/c" + i;
        answers.add(pool.submit(() -> transport.send(get(path)).bodyText()));
      }
      for (int i = 0; i < 80; i++) {
        assertThat(answers.get(i).get(10, TimeUnit.SECONDS))
            .isEqualTo("{\"t\":\"/apps/1/channels/c" + i + "\"}");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requestCount()).isEqualTo(80);
  }

  // ------------------------------------------------------------------------------ keep-alive

  @Test
  void reusesAKeepAliveConnection() throws IOException {
    for (int i = 0; i < 3; i++) {
      assertThat(transport.send(post("{}")).status()).isEqualTo(200);
    }

    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serverClosingAnIdleConnectionNeitherLosesNorDuplicatesARequest(boolean reset)
      throws Exception {
    server.closeIdleConnectionsAfter(Duration.ofMillis(50), reset);
    assertThat(transport.send(post("{\"n\":1}")).status()).isEqualTo(200);
    assertThat(server.awaitOpenConnectionsAtMost(0, LONG)).isTrue();
    Thread.sleep(50); // let the close reach the client's socket

    assertThat(transport.send(post("{\"n\":2}")).status()).isEqualTo(200);

    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(server.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":1}");
    assertThat(server.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":2}");
  }

  @Test
  void serverClosingRightAfterEachAnswerNeverDuplicatesNorReportsAnUnreadRequestAsAnswered() {
    server.setFallback(respondThenCloseSilently(200, "{}"));

    List<Integer> succeeded = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      try {
        assertThat(transport.send(post("{\"n\":" + i + "}")).status()).isEqualTo(200);
        succeeded.add(i);
      } catch (IOException e) {
        // allowed: reported, never resent once the request was written in full
      }
    }

    // Every request the server received was answered, and none was received twice.
    assertThat(server.awaitRequests(succeeded.size() + 1, Duration.ofMillis(200))).isFalse();
    assertThat(server.requestCount()).isEqualTo(succeeded.size());
    for (int i : succeeded) {
      assertThat(server.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":" + i + "}");
    }
  }

  @Test
  void serverDroppingARequestOnAReusedConnectionNeverDuplicatesIt() throws IOException {
    // The server answers, then resets the connection as the next request arrives, unread.
    server.enqueue(respondThenDropNextRequest(200, "{\"n\":1}"), respond(200, "{\"n\":2}"));
    assertThat(transport.send(post("{\"n\":1}")).bodyText()).isEqualTo("{\"n\":1}");

    HttpResponse answer = null;
    try {
      answer = transport.send(post("{\"n\":2}"));
    } catch (IOException e) {
      // allowed: the transport cannot tell this reset from one after the server read the request
    }

    if (answer != null) {
      assertThat(answer.bodyText()).isEqualTo("{\"n\":2}");
    }
    // The dropped copy was never read: the server received each request that succeeded, once.
    assertThat(server.requestCount()).isEqualTo(answer == null ? 1 : 2);
  }

  /**
   * The duplicate: the server reads a POST in full on a reused connection, then closes (FIN
   * or RST) without answering. The request may have been processed, so the transport reports it and
   * never sends it again.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void neverResendsAPostTheServerReadInFullOnAReusedConnection(boolean reset) throws Exception {
    server.enqueue(respond(200, "{\"n\":1}"), reset ? readThenReset() : closeWithoutAnswer());
    assertThat(transport.send(post("{\"n\":1}")).status()).isEqualTo(200);

    Throwable thrown = catchThrowable(() -> transport.send(post("{\"n\":2}")));

    assertThat(thrown)
        .as("a request the server read in full is reported as maybe delivered")
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(ConnectException.class);
    Thread.sleep(200); // a resend, if any, would arrive now
    assertThat(server.requestCount()).as("requests the server processed").isEqualTo(2);
  }

  // --------------------------------------------------------------------------- broken answers

  @Test
  void failsWhenTheServerClosesWithoutAnswering() {
    server.enqueue(closeWithoutAnswer());

    Throwable thrown = catchThrowable(() -> transport.send(post("{}")));

    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void failsWhenTheConnectionIsResetMidResponse() {
    server.enqueue(resetMidResponse(200, "{\"channels\":{\"a\":{},\"b\":{}}}"));

    Throwable thrown = catchThrowable(() -> transport.send(post("{}")));

    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void failsOnABodyShorterThanItsContentLength() {
    server.enqueue(truncatedBody(200, "{\"channels\":{\"a\":{},\"b\":{}}}"));

    Throwable thrown = catchThrowable(() -> transport.send(post("{}")));

    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 102, 103})
  void skipsInterimAnswersAndStaysInStepWithTheServer(int interim) throws IOException {
    server.enqueue(
        interimThen(respond(200, "{\"n\":1}"), interim),
        interimThen(respond(400, "{\"n\":2}"), 103, interim));

    HttpResponse first = transport.send(post("{}"));
    HttpResponse second = transport.send(post("{}"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.bodyText()).isEqualTo("{\"n\":1}");
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.bodyText()).isEqualTo("{\"n\":2}");
  }

  @Test
  void refusesASwitchingProtocolsAnswerAndStaysInStep() throws IOException {
    server.enqueue(switchProtocols());

    Throwable thrown = catchThrowable(() -> transport.send(post("{}")));

    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
    if (parsesStrictly()) {
      server.enqueue(respond(200, "{\"n\":2}"));
      assertThat(transport.send(post("{}")).bodyText())
          .as("the next request gets its own answer")
          .isEqualTo("{\"n\":2}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"length", "chunked", "close"})
  void refusesAResponseBodyOverTheDefaultCapOf1MiB(String framing) throws IOException {
    server.enqueue(hugeBody(8L << 20, framing));

    Throwable thrown = catchThrowable(() -> transport.send(get("/apps/1/channels")));

    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
    if (closesRefusedConnections()) {
      assertThat(server.awaitOpenConnectionsAtMost(0, MARGIN))
          .as("the connection of the refused answer is closed")
          .isTrue();
    }
    server.enqueue(respond(200, "{\"n\":2}"));
    assertThat(transport.send(get("/apps/1/channels")).bodyText())
        .as("the next request gets its own answer, never the rest of the refused one")
        .isEqualTo("{\"n\":2}");
  }

  /**
   * Whether the transport closes the connection of an answer it refused (too large) at once. A
   * transport over a client that owns its connections (the JDK's HttpClient on JDK 25 keeps a
   * chunked one open while it drains it) overrides this to return false; the next request must
   * still get its own answer.
   *
   * @return true when the refused answer's connection is closed within the test's margin
   */
  protected boolean closesRefusedConnections() {
    return true;
  }

  @Test
  void acceptsAResponseBodyJustUnderTheCap() throws IOException {
    server.enqueue(hugeBody(1000L * 1024, "length"));

    assertThat(transport.send(get("/apps/1/channels")).body()).hasSize(1000 * 1024);
  }

  @Test
  void refusesConflictingContentLengths() {
    server.enqueue(
        raw("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 7\r\n\r\n{}{\"a\":1}"));

    assertThat(catchThrowable(() -> transport.send(post("{}"))))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(ConnectException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 2000 OK",
        "HTTP/1.1 20 OK",
        "HTTP/1.1 2x0 OK",
        "HTTP/1.1 -200 OK",
        "HTTP/2.0 200 OK",
        "HTTP/1.1200 OK"
      })
  void refusesABadStatusLine(String statusLine) {
    server.enqueue(raw(statusLine + "\r\nContent-Length: 2\r\n\r\n{}"));

    Throwable thrown = catchThrowable(() -> transport.send(post("{}")));

    if (parsesStrictly() || !statusLine.startsWith("HTTP/1.1 2000")) {
      assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
    }
  }

  /**
   * Whether the transport parses HTTP/1.1 answers strictly: a status code of exactly three digits,
   * the CRLF after each chunk's data, and a connection that answered {@code 101} never reused. JDK
   * 17's {@code HttpClient} does none of these (it reads the code at fixed offsets, skips to the
   * end of the line after chunk data, and pools the connection of a refused 101), and a transport
   * over it cannot see the raw answer to make up for it; such a transport overrides this to return
   * false, and then only the checks it can pass run.
   *
   * @return true when malformed answers fail the request and leave no connection out of step
   */
  protected boolean parsesStrictly() {
    return true;
  }

  @Test
  void refusesBrokenChunkFraming() throws IOException {
    // The chunk says 2 bytes and 4 follow before the CRLF.
    server.enqueue(
        raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}xx\r\n0\r\n\r\n"),
        respond(200, "{\"n\":2}"));

    Throwable thrown = catchThrowable(() -> transport.send(post("{}")));

    if (parsesStrictly()) {
      assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
    }
    assertThat(transport.send(post("{}")).bodyText())
        .as("the next request gets its own answer")
        .isEqualTo("{\"n\":2}");
  }

  static List<String[]> injectedHeaders() {
    return List.of(
        new String[] {"X-Test", "a\r\nX-Injected: yes"},
        new String[] {"X-Test", "a\nX-Injected: yes"},
        new String[] {"X-Test", "a\rX-Injected: yes"},
        new String[] {"X-Test", "a\u0000b"},
        new String[] {"X-Test\r\nX-Injected", "yes"},
        new String[] {"X Test", "yes"},
        new String[] {"Host", "evil.example"},
        new String[] {"Content-Length", "0"},
        new String[] {"Transfer-Encoding", "chunked"},
        new String[] {"content-length", "5"});
  }

  @ParameterizedTest
  @MethodSource("injectedHeaders")
  void refusesHeadersThatCouldInjectOrOverrideTheFraming(String name, String value) {
    String n = name;
    String v = value;
    HttpRequest bad =
        new HttpRequest(
            "POST",
            server.uri("/apps/1/events"),
            Map.of(n, v),
            "{}".getBytes(StandardCharsets.UTF_8),
            LONG);

    Throwable thrown = catchThrowable(() -> transport.send(bad));

    // A ConnectException, so the client reports the refused request as never sent.
    assertThat(thrown).as("a refusal says nothing was sent").isInstanceOf(ConnectException.class);
    assertThat(server.awaitRequests(1, Duration.ofMillis(200)))
        .as("nothing reached the server")
        .isFalse();
  }

  // ------------------------------------------------------------------------------------ TLS

  @Test
  void sendsOverTlsWithTheGivenSslContext() throws IOException {
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer());
        HttpTransport trusting =
            newTransport(Duration.ofSeconds(2), TestTls.trustingClient(), null, null, null)) {
      HttpResponse response =
          trusting.send(request(tls.uri("/apps/1/events"), "POST", "{\"n\":1}", LONG));

      assertThat(response.status()).isEqualTo(200);
      assertThat(tls.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":1}");
    }
  }

  @Test
  void refusesACertificateForAnotherHostEvenWhenItIsTrusted() {
    try (FaultyServer wrong = FaultyServer.startTls(TestTls.wrongHostServer());
        HttpTransport trusting =
            newTransport(Duration.ofSeconds(2), TestTls.trustingClient(), null, null, null)) {
      Throwable thrown =
          catchThrowable(
              () -> trusting.send(request(wrong.uri("/apps/1/events"), "POST", "{}", LONG)));

      assertThat(thrown).isInstanceOf(IOException.class);
      assertThat(wrong.requestCount()).isZero();
    }
  }

  @Test
  void refusesAnUntrustedCertificateWithTheDefaultTrustStore() {
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer())) {
      Throwable thrown =
          catchThrowable(
              () -> transport.send(request(tls.uri("/apps/1/events"), "POST", "{}", LONG)));

      assertThat(thrown).isInstanceOf(IOException.class);
      assertThat(tls.requestCount()).isZero();
    }
  }

  @Test
  void boundsADrippingTlsHandshakeByTheRequestTimeout() {
    try (FaultyServer dripping = FaultyServer.start().dripHandshake(Duration.ofMillis(100));
        HttpTransport trusting =
            newTransport(Duration.ofSeconds(5), TestTls.trustingClient(), null, null, null)) {
      URI uri = URI.create("https://127.0.0.1:" + dripping.port() + "/apps/1/events");

      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> trusting.send(request(uri, "POST", "{}", TIMEOUT)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(thrown).isInstanceOf(IOException.class);
      assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
    }
  }

  /**
   * The stuck timeout thread: a TLS peer stops reading while a large POST is being written;
   * at that request's deadline its connection must be closed without waiting for the blocked
   * writer, and a later request to a server that never answers must still time out on time.
   */
  @Test
  void aStalledTlsWriteDelaysNeitherItsOwnTimeoutNorAnotherRequests() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (FaultyServer stalled = FaultyServer.startTls(TestTls.localhostServer());
        HttpTransport trusting =
            newTransport(Duration.ofSeconds(2), TestTls.trustingClient(), null, null, null)) {
      stalled.enqueue(respond(200, "{}"), stallWithoutReadingBody(Duration.ofSeconds(15)));
      server.enqueue(neverAnswer());
      // Warm up: TLS set-up costs may not eat the large request's budget.
      trusting.send(request(stalled.uri("/apps/1/events"), "POST", "{}", LONG));
      Duration firstTimeout = Duration.ofSeconds(1);
      HttpRequest large =
          request(
              stalled.uri("/apps/1/events"),
              "POST",
              "{\"data\":\"" + "x".repeat(8 << 20) + "\"}",
              firstTimeout);
      long start = System.nanoTime();
      Future<Throwable> first = pool.submit(() -> catchThrowable(() -> trusting.send(large)));
      Thread.sleep(firstTimeout.toMillis() + 300); // past the first request's deadline

      long secondStart = System.nanoTime();
      Throwable second =
          catchThrowable(
              () -> trusting.send(request(server.uri("/apps/1/events"), "POST", "{}", TIMEOUT)));
      Duration secondTook = Duration.ofNanos(System.nanoTime() - secondStart);

      assertThat(second).isInstanceOfAny(HttpTimeoutException.class, SocketTimeoutException.class);
      assertThat(secondTook).isLessThan(TIMEOUT.plus(MARGIN));
      assertThat(first.get(MARGIN.toMillis(), TimeUnit.MILLISECONDS))
          .isInstanceOf(IOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(firstTimeout.plusMillis(300).plus(TIMEOUT).plus(MARGIN));
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------- proxies

  @Test
  void sendsThroughAnHttpProxyGivenAsAnOption() throws IOException {
    try (TinyProxy proxy = TinyProxy.start(null, null);
        HttpTransport proxied =
            newTransport(
                Duration.ofSeconds(2),
                TestTls.trustingClient(),
                ProxySelector.of(proxy.address()),
                null,
                null)) {
      HttpResponse response = proxied.send(post("{\"via\":\"proxy\"}"));

      assertThat(response.status()).isEqualTo(200);
      assertThat(server.takeRequest(LONG).bodyText()).isEqualTo("{\"via\":\"proxy\"}");
      assertThat(proxy.log()).contains("127.0.0.1:" + server.port() + "/apps/1/events");
    }
  }

  @Test
  void tunnelsTlsThroughAnAuthenticatingProxyGivenAsAnOption() throws IOException {
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer());
        TinyProxy proxy = TinyProxy.start("proxyuser", "proxy-pass", tls.port());
        HttpTransport proxied =
            newTransport(
                Duration.ofSeconds(2),
                TestTls.trustingClient(),
                ProxySelector.of(proxy.address()),
                "proxyuser",
                "proxy-pass")) {
      HttpResponse response =
          proxied.send(request(tls.uri("/apps/1/events"), "POST", "{\"n\":1}", LONG));

      assertThat(response.status()).isEqualTo(200);
      assertThat(tls.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":1}");
      assertThat(proxy.log()).contains("CONNECT");
    }
  }

  @Test
  void sendsPlainHttpThroughAnAuthenticatingProxy() throws IOException {
    try (TinyProxy proxy = TinyProxy.start("proxyuser", "proxy-pass");
        HttpTransport proxied =
            newTransport(
                Duration.ofSeconds(2),
                TestTls.trustingClient(),
                ProxySelector.of(proxy.address()),
                "proxyuser",
                "proxy-pass")) {
      HttpResponse response = proxied.send(post("{\"n\":1}"));

      assertThat(response.status()).isEqualTo(200);
      assertThat(server.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":1}");
    }
  }

  @Test
  void honoursTheProxySystemProperties() throws IOException {
    String[] keys = {
      "http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort", "http.nonProxyHosts"
    };
    String[] saved = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      saved[i] = System.getProperty(keys[i]);
    }
    try (FaultyServer tls = FaultyServer.startTls(TestTls.localhostServer());
        TinyProxy proxy = TinyProxy.start(null, null, tls.port())) {
      System.setProperty("http.proxyHost", "127.0.0.1");
      System.setProperty("http.proxyPort", Integer.toString(proxy.port()));
      System.setProperty("https.proxyHost", "127.0.0.1");
      System.setProperty("https.proxyPort", Integer.toString(proxy.port()));
      System.setProperty("http.nonProxyHosts", "nothing.invalid");
      // The JDK's default selector never proxies a host it recognises as loopback (localhost,
      // 127.*, ::1). 2130706433 is 127.0.0.1 written as one number: the selector does not
      // recognise it, the proxy's resolver (inet_aton) maps it to 127.0.0.1, and a TLS client
      // reads it as that IP address, which the test certificate names.
      URI plainUri = URI.create("http://2130706433:" + server.port() + "/apps/1/events");
      URI tlsUri = URI.create("https://2130706433:" + tls.port() + "/apps/1/events");
      try (HttpTransport plain = newTransport(Duration.ofSeconds(2));
          HttpTransport secure =
              newTransport(Duration.ofSeconds(2), TestTls.trustingClient(), null, null, null)) {
        assertThat(plain.send(request(plainUri, "POST", "{\"n\":1}", LONG)).status())
            .isEqualTo(200);
        assertThat(secure.send(request(tlsUri, "POST", "{\"n\":2}", LONG)).status()).isEqualTo(200);
      }
      assertThat(server.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":1}");
      assertThat(tls.takeRequest(LONG).bodyText()).isEqualTo("{\"n\":2}");
      String log = proxy.log();
      assertThat(log).contains("2130706433:" + server.port() + "/apps/1/events");
      assertThat(log).contains("CONNECT").contains("2130706433:" + tls.port());
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
  }

  // -------------------------------------------------------------------------------- timeouts

  @Test
  void honoursTheTimeoutWhenTheServerNeverAnswers() {
    server.enqueue(neverAnswer());

    long start = System.nanoTime();
    Throwable thrown =
        catchThrowable(() -> transport.send(request("POST", "/apps/1/events", "{}", TIMEOUT)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(thrown).isInstanceOfAny(HttpTimeoutException.class, SocketTimeoutException.class);
    assertThat(took)
        .isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50))
        .isLessThan(TIMEOUT.plus(MARGIN));
    assertThat(server.awaitOpenConnectionsAtMost(0, MARGIN))
        .as("the timed-out connection is closed")
        .isTrue();
  }

  @Test
  void honoursTheTimeoutForTheWholeBodyOfASlowAnswer() {
    // 20 bytes, one every 50 ms: each read is quick, the whole body is not.
    server.enqueue(slowBody(200, "{\"a\":\"0123456789ab\"}", Duration.ofMillis(50)));

    long start = System.nanoTime();
    Throwable thrown =
        catchThrowable(() -> transport.send(request("GET", "/apps/1/channels", "", TIMEOUT)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(thrown).isInstanceOfAny(HttpTimeoutException.class, SocketTimeoutException.class);
    assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
  }

  @Test
  void readsASlowAnswerThatEndsWithinTheTimeout() throws IOException {
    server.enqueue(delayed(Duration.ofMillis(100), slowBody(200, "{}", Duration.ofMillis(20))));

    HttpResponse response =
        transport.send(request("GET", "/apps/1/channels", "", Duration.ofSeconds(5)));

    assertThat(response.bodyText()).isEqualTo("{}");
  }

  @Test
  void honoursTheTimeoutWhenTheServerStopsReadingALargeBody() {
    server.enqueue(stallWithoutReadingBody(Duration.ofSeconds(3)));
    // More than loopback socket buffers hold (about 4 MiB on Linux) while the server reads nothing.
    HttpRequest large =
        request("POST", "/apps/1/events", "{\"data\":\"" + "x".repeat(8 << 20) + "\"}", TIMEOUT);

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> transport.send(large));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // A ConnectException is right here too: the request was never written in full.
    assertThat(thrown).isInstanceOf(IOException.class);
    assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
  }

  // -------------------------------------------------------------------------------- connecting

  @Test
  void throwsConnectExceptionWhenTheConnectionIsRefused() {
    URI closed = URI.create("http://127.0.0.1:" + FaultyServer.closedPort() + "/apps/1/events");

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> transport.send(request(closed, "POST", "{}", LONG)));

    assertThat(thrown).isInstanceOf(ConnectException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MARGIN);
  }

  @Test
  void honoursTheConnectTimeoutAndSaysTheRequestNeverLeft() throws IOException {
    try (HangingConnectPort hanging = new HangingConnectPort()) {
      URI uri = URI.create("http://127.0.0.1:" + hanging.port() + "/apps/1/events");

      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> transport.send(request(uri, "POST", "{}", LONG)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(thrown).isInstanceOfAny(ConnectException.class, HttpConnectTimeoutException.class);
      // The connect timeout (500 ms) is far shorter than the request's (10 s).
      assertThat(took).isLessThan(Duration.ofMillis(500).plus(MARGIN));
    }
  }

  // ------------------------------------------------------------------------------- interrupts

  @Test
  void anInterruptEndsABlockedRequestAndClosesItsConnection() throws Exception {
    server.enqueue(neverAnswer());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(() -> thrown.set(catchThrowable(() -> transport.send(post("{}")))), "caller");
    caller.start();
    server.takeRequest(LONG);

    long start = System.nanoTime();
    caller.interrupt();
    caller.join(MARGIN.toMillis());

    assertThat(caller.isAlive()).as("the request is still blocked").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MARGIN);
    assertThat(thrown.get()).isInstanceOf(IOException.class);
    assertThat(server.awaitOpenConnectionsAtMost(0, MARGIN))
        .as("the interrupted request's connection is closed")
        .isTrue();
  }
}
