package io.channels4j.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.channels4j.internal.protocol.QueryString;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The plumbing of every request: reads it within the limits, plays a queued fault, routes it,
 * checks its signature, answers and records it. Each request is recorded before its answer is sent,
 * so a caller that got an answer always finds its request recorded.
 *
 * <p>Memory stays bounded whatever arrives: a body larger than any valid request is answered 413
 * unread; a body is read into memory only when the query's signature is genuine, and kept in the
 * recording only when the body matches the signed {@code body_md5}. Bodies of refused-unsigned
 * requests are read and thrown away, so their clients still get an answer.
 */
public final class RequestHandler implements HttpHandler {
  private static final byte[] NO_BODY = new byte[0];

  private final SignatureCheck signatures;
  private final ServerState state;
  private final Clock clock;
  private final ServiceLimits limits;
  private final Recordings recordings;
  private final Consumer<RecordedRequest> listener;
  private final DeadlineExecutor deadlines;
  private final Router router;

  /**
   * A handler for one app.
   *
   * @param appId the app id of the paths
   * @param signatures checks requests' signatures
   * @param state the seeded state and queued faults
   * @param clock stamps the recordings
   * @param limits the service's limits
   * @param recordings where requests and what they carried are recorded
   * @param listener observes every request after it was handled, or null
   * @param deadlines the executor whose read deadline ends once a request is read
   */
  public RequestHandler(
      String appId,
      SignatureCheck signatures,
      ServerState state,
      Clock clock,
      ServiceLimits limits,
      Recordings recordings,
      Consumer<RecordedRequest> listener,
      DeadlineExecutor deadlines) {
    this.signatures = signatures;
    this.state = state;
    this.clock = clock;
    this.limits = limits;
    this.recordings = recordings;
    this.listener = listener;
    this.deadlines = deadlines;
    this.router =
        new Router(
            appId,
            new EventEndpoints(limits, state, recordings.triggers(), clock),
            new ChannelEndpoints(limits, state, clock),
            new UserEndpoints(limits, state, recordings.terminatedUsers()),
            new PushEndpoint(limits, state, recordings.notifications()));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      answer(exchange);
    } finally {
      deadlines.readFinished();
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    Instant at = clock.instant();
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    InputStream in = exchange.getRequestBody();
    Map<String, String> query;
    try {
      query = lastValues(QueryString.decode(exchange.getRequestURI().getRawQuery()));
    } catch (IllegalArgumentException e) {
      discard(in);
      finish(
          exchange,
          at,
          Map.of(),
          NO_BODY,
          Reply.text(400, "Malformed query string: " + e.getMessage()));
      return;
    }
    long declared = declaredLength(exchange);
    if (declared > limits.maxRequestBytes()) {
      discard(in);
      finish(exchange, at, query, NO_BODY, limits.bodyTooLarge(declared));
      return;
    }
    String unsigned = signatures.verifySigned(method, rawPath, query);
    byte[] body = NO_BODY;
    if (unsigned == null) {
      body = in.readNBytes((int) limits.maxRequestBytes() + 1);
      if (body.length > limits.maxRequestBytes()) {
        discard(in);
        finish(exchange, at, query, NO_BODY, limits.bodyTooLarge(-1));
        return;
      }
      unsigned = SignatureCheck.verifyBody(query, body);
    } else {
      discard(in); // a forged request's body is never held in memory
    }
    deadlines.readFinished();
    byte[] kept = unsigned == null ? body : NO_BODY;

    Fault fault = state.nextFault();
    if (fault instanceof Fault.DropConnection) {
      record(exchange, at, query, kept, null);
      return; // closing the exchange before any answer closes the connection
    }
    if (fault instanceof Fault.Delay d) {
      sleep(d.delay());
    }
    Reply reply;
    if (fault instanceof Fault.Status s) {
      reply = Reply.text(s.status(), s.body(), s.headers());
    } else {
      reply = route(method, exchange.getRequestURI().getPath(), query, body, unsigned);
    }
    finish(exchange, at, query, kept, reply);
  }

  private Reply route(
      String method, String path, Map<String, String> query, byte[] body, String unsigned) {
    Router.Route route = router.route(method, path);
    if (route.refusal() != null) {
      return route.refusal();
    }
    if (unsigned != null) {
      return Reply.text(401, unsigned);
    }
    try {
      return route.endpoint().answer(query, body);
    } catch (Refusal r) {
      return Reply.text(r.status(), r.getMessage());
    }
  }

  private void finish(
      HttpExchange exchange, Instant at, Map<String, String> query, byte[] kept, Reply reply)
      throws IOException {
    record(exchange, at, query, kept, reply);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(
        reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
    if (reply.body().length > 0) {
      exchange.getResponseBody().write(reply.body());
    }
  }

  private void record(
      HttpExchange exchange, Instant at, Map<String, String> query, byte[] kept, Reply reply) {
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            query,
            exchange.getRequestHeaders(),
            kept,
            reply == null ? OptionalInt.empty() : OptionalInt.of(reply.status()),
            at);
    recordings.requests().add(request);
    if (listener != null) {
      try {
        listener.accept(request);
      } catch (RuntimeException ignored) {
        // an observer must not break the server
      }
    }
  }

  /** The service reads a repeated query parameter as its last value. */
  private static Map<String, String> lastValues(Map<String, List<String>> decoded) {
    Map<String, String> out = new LinkedHashMap<>();
    decoded.forEach((name, values) -> out.put(name, values.get(values.size() - 1)));
    return out;
  }

  private static long declaredLength(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Content-Length");
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1; // the JDK server refuses such a request before it gets here
    }
  }

  /** Reads and throws away the rest of a body, in constant memory, within the read deadline. */
  private static void discard(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
