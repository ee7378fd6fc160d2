package io.channels4j.interop.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A stand-in for the user's application server: what pusher-js calls to authorize channels and
 * authenticate users, and what soketi posts webhooks to. JDK {@code HttpServer} on 127.0.0.1 and an
 * ephemeral port.
 *
 * <p>The handlers are plain functions, so this class does not depend on channels4j: a test wires
 * them to channels4j (or to the {@link NodeOracle}). Every request to every path is recorded with
 * its headers and exact body bytes.
 *
 * <ul>
 *   <li>{@value #CHANNEL_AUTH_PATH}: {@link #onChannelAuth}; unset, it answers 501.
 *   <li>{@value #USER_AUTH_PATH}: {@link #onUserAuth}; unset, it answers 501.
 *   <li>{@value #WEBHOOK_PATH}: {@link #onWebhook}; unset, it answers 200 {@code {}}.
 * </ul>
 */
public final class AppServer implements AutoCloseable {

  /** The path pusher-js posts channel authorization requests to. */
  public static final String CHANNEL_AUTH_PATH = "/pusher/auth";

  /** The path pusher-js posts user authentication (sign-in) requests to. */
  public static final String USER_AUTH_PATH = "/pusher/user-auth";

  /** The path soketi posts webhooks to. */
  public static final String WEBHOOK_PATH = "/webhook";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Function<Request, Reply>> handlers = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final List<Throwable> handlerErrors = new ArrayList<>();

  private AppServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the server on 127.0.0.1 and a free port.
   *
   * @return the running server
   */
  public static AppServer start() {
    HttpServer server;
    try {
      InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
      server = HttpServer.create(new InetSocketAddress(loopback, 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the app server on 127.0.0.1", e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "app-server");
              thread.setDaemon(true);
              return thread;
            });
    AppServer app = new AppServer(server, executor);
    app.handle(CHANNEL_AUTH_PATH, notConfigured(CHANNEL_AUTH_PATH));
    app.handle(USER_AUTH_PATH, notConfigured(USER_AUTH_PATH));
    app.handle(WEBHOOK_PATH, request -> Reply.json("{}"));
    server.createContext("/", app::serve);
    server.setExecutor(executor);
    server.start();
    return app;
  }

  private static Function<Request, Reply> notConfigured(String path) {
    return request -> Reply.of(501, "text/plain", "no handler set for " + path + " in the test");
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = read(exchange);
      synchronized (requests) {
        requests.add(request);
        requests.notifyAll();
      }
      Function<Request, Reply> handler = handlers.get(request.path());
      Reply reply;
      if (handler == null) {
        reply = Reply.of(404, "text/plain", "no such path " + request.path());
      } else {
        try {
          reply = Objects.requireNonNull(handler.apply(request), "the handler returned null");
        } catch (RuntimeException | Error e) {
          synchronized (handlerErrors) {
            handlerErrors.add(e);
          }
          reply = Reply.of(500, "text/plain", "handler failed: " + e);
        }
      }
      byte[] body = reply.body();
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static Request read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    URI uri = exchange.getRequestURI();
    return new Request(
        exchange.getRequestMethod(),
        uri.getPath(),
        uri.getRawQuery(),
        headers,
        body,
        Instant.now());
  }

  // ---- Handlers -------------------------------------------------------------------------------

  /**
   * Answers channel authorization requests: the function gets the form body pusher-js posted
   * ({@code socket_id=...&channel_name=...}) and returns the JSON to answer with status 200.
   *
   * @param formBodyToJson for example a call into channels4j's {@code authorizeChannel}
   */
  public void onChannelAuth(Function<String, String> formBodyToJson) {
    handle(CHANNEL_AUTH_PATH, request -> Reply.json(formBodyToJson.apply(request.bodyText())));
  }

  /**
   * Answers user authentication requests: the function gets the form body pusher-js posted ({@code
   * socket_id=...}) and returns the JSON to answer with status 200.
   *
   * @param formBodyToJson for example a call into channels4j's {@code authenticateUser}
   */
  public void onUserAuth(Function<String, String> formBodyToJson) {
    handle(USER_AUTH_PATH, request -> Reply.json(formBodyToJson.apply(request.bodyText())));
  }

  /**
   * Answers webhooks (they are recorded in any case).
   *
   * @param handler for example channels4j's webhook verification, answering 200 or 401
   */
  public void onWebhook(Function<Request, Reply> handler) {
    handle(WEBHOOK_PATH, handler);
  }

  /**
   * Sets the handler of any path, with full control of the reply (status, content type).
   *
   * @param path the exact path, for example {@value #CHANNEL_AUTH_PATH}
   * @param handler the handler; it runs on a server thread
   */
  public void handle(String path, Function<Request, Reply> handler) {
    handlers.put(path, Objects.requireNonNull(handler, "handler"));
  }

  // ---- Recorded requests ----------------------------------------------------------------------

  /**
   * Every request so far, to every path.
   *
   * @return a copy, oldest first
   */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * The requests so far to one path.
   *
   * @param path the exact path
   * @return a copy, oldest first
   */
  public List<Request> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
  }

  /**
   * The webhooks received so far.
   *
   * @return a copy, oldest first
   */
  public List<Request> webhooks() {
    return requests(WEBHOOK_PATH);
  }

  /**
   * Exceptions thrown by handlers so far (each was answered with 500).
   *
   * @return a copy, oldest first
   */
  public List<Throwable> handlerErrors() {
    synchronized (handlerErrors) {
      return List.copyOf(handlerErrors);
    }
  }

  /**
   * Waits for a webhook that matches.
   *
   * @param predicate the condition, for example on {@link Request#json()}
   * @param timeout how long to wait at most
   * @return the first matching webhook
   * @throws AssertionError if none arrives in time
   */
  public Request awaitWebhook(Predicate<Request> predicate, Duration timeout) {
    return awaitRequest(WEBHOOK_PATH, predicate, timeout);
  }

  /**
   * Waits for a request to a path that matches.
   *
   * @param path the exact path
   * @param predicate the condition
   * @param timeout how long to wait at most
   * @return the first matching request
   * @throws AssertionError if none arrives in time
   */
  public Request awaitRequest(String path, Predicate<Request> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      while (true) {
        for (Request request : requests) {
          if (request.path().equals(path) && predicate.test(request)) {
            return request;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "No matching request to "
                  + path
                  + " within "
                  + timeout
                  + "; received: "
                  + requests.stream()
                      .map(r -> r.method() + " " + r.path() + " " + r.bodyText())
                      .collect(Collectors.joining("\n  ", "\n  ", "")));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(
              requests, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for a request", e);
        }
      }
    }
  }

  /**
   * Parses an {@code application/x-www-form-urlencoded} body, as pusher-js sends to the auth
   * endpoints.
   *
   * @param body the form text, for example {@code socket_id=1.2&channel_name=private-a}
   * @return the fields in order; a repeated name keeps its last value
   */
  public static Map<String, String> parseForm(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      fields.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }

  // ---- Addresses ------------------------------------------------------------------------------

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The base URI.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * The channel authorization endpoint, for pusher-js.
   *
   * @return {@code http://127.0.0.1:PORT/pusher/auth}
   */
  public URI channelAuthUri() {
    return baseUri().resolve(CHANNEL_AUTH_PATH);
  }

  /**
   * The user authentication endpoint, for pusher-js.
   *
   * @return {@code http://127.0.0.1:PORT/pusher/user-auth}
   */
  public URI userAuthUri() {
    return baseUri().resolve(USER_AUTH_PATH);
  }

  /**
   * The webhook endpoint, for soketi.
   *
   * @return {@code http://127.0.0.1:PORT/webhook}
   */
  public URI webhookUri() {
    return baseUri().resolve(WEBHOOK_PATH);
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- Values ---------------------------------------------------------------------------------

  /**
   * One request as received.
   *
   * @param method the HTTP method
   * @param path the decoded path
   * @param query the raw query, or {@code null}
   * @param headers the headers, names in lower case
   * @param body the exact body bytes
   * @param receivedAt when it arrived
   */
  public record Request(
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      byte[] body,
      Instant receivedAt) {

    /**
     * Makes defensive copies.
     *
     * @param method see the record description
     * @param path see the record description
     * @param query see the record description
     * @param headers see the record description
     * @param body see the record description
     * @param receivedAt see the record description
     */
    public Request {
      headers = Map.copyOf(headers);
      body = body.clone();
    }

    /**
     * The exact body bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON.
     *
     * @return the JSON tree
     * @throws IllegalStateException if it is not JSON
     */
    public JsonNode json() {
      try {
        return Json.parse(bodyText());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Not a JSON body: " + bodyText(), e);
      }
    }

    /**
     * The body parsed as an {@code application/x-www-form-urlencoded} form.
     *
     * @return the fields in order; a repeated name keeps its last value
     */
    public Map<String, String> form() {
      return parseForm(bodyText());
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Request that
          && method.equals(that.method)
          && path.equals(that.path)
          && Objects.equals(query, that.query)
          && headers.equals(that.headers)
          && Arrays.equals(body, that.body)
          && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(method, path, query, headers, Arrays.hashCode(body), receivedAt);
    }

    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query) + " " + bodyText();
    }
  }

  /**
   * A reply to send.
   *
   * @param status the HTTP status
   * @param contentType the {@code Content-Type}
   * @param body the body bytes
   */
  public record Reply(int status, String contentType, byte[] body) {

    /**
     * Makes a defensive copy.
     *
     * @param status see the record description
     * @param contentType see the record description
     * @param body see the record description
     */
    public Reply {
      Objects.requireNonNull(contentType, "contentType");
      body = body.clone();
    }

    /**
     * A 200 reply with a JSON body.
     *
     * @param json the JSON text
     * @return the reply
     */
    public static Reply json(String json) {
      return of(200, "application/json", json);
    }

    /**
     * A reply with a text body.
     *
     * @param status the HTTP status
     * @param contentType the content type
     * @param body the body, sent as UTF-8
     * @return the reply
     */
    public static Reply of(int status, String contentType, String body) {
      return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The body bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Reply that
          && status == that.status
          && contentType.equals(that.contentType)
          && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + new String(body, StandardCharsets.UTF_8);
    }
  }
}
