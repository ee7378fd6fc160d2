package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.channels4j.internal.protocol.QueryString;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small HTTP server on 127.0.0.1 for tests, in the style of MockWebServer: {@link #enqueue}
 * answers, call the client, then {@link #takeRequest()} what it received. When no answer is queued
 * it answers 200 {@code {}}.
 *
 * <p>The recorded requests are checked the way a Pusher-compatible server checks them: the query is
 * percent-decoded ({@code +} becomes a space, as soketi's parser does) and the signature is
 * recomputed here with {@code javax.crypto}, independently of the code under test.
 */
final class RecordingServer implements AutoCloseable {
  static final String APP_ID = "app-id";
  static final String KEY = "test-key";
  static final String SECRET = "test-secret-never-shown";

  /** 2001-09-09T01:46:40Z: a round timestamp that shows up as {@code auth_timestamp=1000000000}. */
  static final long NOW_SECONDS = 1_000_000_000L;

  private static final long TAKE_TIMEOUT_SECONDS = 5;

  /** Upper bound on how long a hanging answer holds its handler thread. */
  private static final long HANG_LIMIT_SECONDS = 10;

  static {
    // Without TCP_NODELAY the JDK server sends the body behind the headers only after the
    // client's delayed ACK, some 40 ms per request on Linux loopback.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
  private final AtomicInteger requestCount = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  /** A canned answer. */
  record Answer(int status, String body, Map<String, String> headers, boolean hang) {
    static Answer json(int status, String body) {
      return new Answer(status, body, Map.of("Content-Type", "application/json"), false);
    }

    static Answer ok(String body) {
      return json(200, body);
    }

    static Answer text(int status, String contentType, String body) {
      return new Answer(status, body, Map.of("Content-Type", contentType), false);
    }

    /** Reads the request, then never answers (until the server closes). */
    static Answer hanging() {
      return new Answer(200, "", Map.of(), true);
    }
  }

  /**
   * What the server received.
   *
   * @param method the method
   * @param path the raw path
   * @param rawQuery the query exactly as sent, or the empty string
   * @param query the query percent-decoded the way soketi does it (first value of each key)
   * @param headers header names in lower case, first value of each
   * @param body the exact body bytes
   */
  record RecordedRequest(
      String method,
      String path,
      String rawQuery,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body) {

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The string a server signs: method, path, and the decoded query without the signature. */
    String serverStringToSign() {
      TreeMap<String, String> sorted = new TreeMap<>();
      query.forEach(
          (k, v) -> {
            if (!k.equals("auth_signature")) {
              sorted.put(k.toLowerCase(Locale.ROOT), v);
            }
          });
      StringBuilder sb = new StringBuilder();
      sorted.forEach(
          (k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
      return method + "\n" + path + "\n" + sb;
    }

    /**
     * Verifies the request as a server would, computing everything here: auth_key, auth_version,
     * body_md5 against the received bytes, and the HMAC of the recomputed string to sign.
     */
    void assertSignedBy(String key, String secret) {
      require(rawQuery.split("&").length == query.size(), "a query key repeats in " + rawQuery);
      require(key.equals(query.get("auth_key")), "auth_key is " + query.get("auth_key"));
      require(
          "1.0".equals(query.get("auth_version")), "auth_version is " + query.get("auth_version"));
      require(
          query.getOrDefault("auth_timestamp", "").matches("\\d+"),
          "auth_timestamp is " + query.get("auth_timestamp"));
      if (body.length > 0) {
        require(
            md5Hex(body).equals(query.get("body_md5")),
            "body_md5 " + query.get("body_md5") + " is not the MD5 of the body " + bodyText());
      } else {
        require(!query.containsKey("body_md5"), "body_md5 sent without a body");
      }
      String expected = hmacSha256Hex(secret, serverStringToSign());
      require(
          expected.equals(query.get("auth_signature")),
          "auth_signature "
              + query.get("auth_signature")
              + " does not match the server's "
              + expected
              + " over:\n"
              + serverStringToSign());
    }

    /** Verifies the request against the credentials the default test client uses. */
    void assertSigned() {
      assertSignedBy(KEY, SECRET);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new AssertionError(message);
      }
    }
  }

  private RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "recording-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static RecordingServer start() {
    try {
      return new RecordingServer();
    } catch (IOException e) {
      throw new AssertionError("could not start the recording server on 127.0.0.1", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code 127.0.0.1:PORT}, for {@code host(...)} and {@code pushNotificationHost(...)}. */
  String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** A fixed clock at {@link #NOW_SECONDS}. */
  static Clock fixedClock() {
    return Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC);
  }

  /**
   * A builder for a client of this server: plain HTTP, the test credentials, a fixed clock and no
   * retries (so one call is one request).
   */
  Pusher.Builder clientBuilder() {
    return Pusher.builder()
        .appId(APP_ID)
        .key(KEY)
        .secret(SECRET)
        .host(hostPort())
        .useTls(false)
        .clock(fixedClock())
        .retryPolicy(RetryPolicy.none());
  }

  Pusher client() {
    return clientBuilder().build();
  }

  void enqueue(Answer answer) {
    answers.add(answer);
  }

  void enqueue(String okJsonBody) {
    enqueue(Answer.ok(okJsonBody));
  }

  /** Waits up to 5 s for the next request. */
  RecordedRequest takeRequest() {
    try {
      RecordedRequest r = requests.poll(TAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request arrived within " + TAKE_TIMEOUT_SECONDS + " s");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
  }

  /** Takes the next request and checks its method, its path and that it is correctly signed. */
  RecordedRequest takeSignedRequest(String method, String path) {
    RecordedRequest request = takeRequest();
    assertThat(request.method()).isEqualTo(method);
    assertThat(request.path()).isEqualTo(path);
    request.assertSigned();
    return request;
  }

  /** How many requests arrived so far. */
  int requestCount() {
    return requestCount.get();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!values.isEmpty()) {
                  headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
                }
              });
      RecordedRequest recorded =
          new RecordedRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              rawQuery == null ? "" : rawQuery,
              decodeQuery(rawQuery),
              Map.copyOf(headers),
              body);
      requestCount.incrementAndGet();
      requests.add(recorded);

      Answer answer = answers.poll();
      if (answer == null) {
        answer = Answer.ok("{}");
      }
      if (answer.hang()) {
        try {
          closed.await(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  /** Splits on {@code &} and the first {@code =}, then percent-decodes with {@code +} as space. */
  static Map<String, String> decodeQuery(String rawQuery) {
    // The first value of each name, as soketi reads it.
    Map<String, String> query = new LinkedHashMap<>();
    QueryString.decode(rawQuery).forEach((k, v) -> query.put(k, v.get(0)));
    return query;
  }

  static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String hmacSha256Hex(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
