package io.channels4j.interop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The official Node server library {@code pusher} as an oracle, through {@code
 * src/test/node/oracle.mjs}: it computes channel authorizations, user authentications, request
 * signatures, webhook signatures and encrypted envelopes with the library's own code, and can call
 * soketi's HTTP API with it. The operations and their parameters are listed in {@code
 * interop-tests/README.md}.
 *
 * <pre>{@code
 * try (NodeOracle oracle = NodeOracle.start(soketi)) {
 *   JsonNode auth = oracle.call("authorizeChannel", Map.of("socketId", id, "channel", "private-a"));
 *   String body = auth.path("json").asText();   // what a Node app would answer
 * }
 * }</pre>
 */
public final class NodeOracle implements AutoCloseable {

  /** How long {@link #call} waits for an answer. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private final AtomicLong nextId = new AtomicLong();
  private NodeProcess process;

  private NodeOracle() {}

  /**
   * Starts the oracle, configured for a soketi's app, host and port.
   *
   * @param soketi the soketi whose app credentials and port the oracle uses by default
   * @return the running oracle
   */
  public static NodeOracle start(Soketi soketi) {
    NodeOracle oracle = start(NodeModules.locate());
    try {
      oracle.configure(
          Map.of(
              "appId", soketi.appId(),
              "key", soketi.key(),
              "secret", soketi.secret(),
              "host", soketi.host(),
              "port", soketi.port()));
    } catch (RuntimeException e) {
      oracle.close();
      throw e;
    }
    return oracle;
  }

  /**
   * Starts an unconfigured oracle; call {@link #configure} or pass {@code app} in each call.
   *
   * @param modules where node and {@code pusher} are
   * @return the running oracle
   */
  public static NodeOracle start(NodeModules modules) {
    NodeOracle oracle = new NodeOracle();
    oracle.process =
        NodeProcess.start(modules, "oracle.mjs", List.of(), oracle::onLine, oracle::onEnd);
    oracle.process.awaitReady(oracle.ready, START_TIMEOUT, oracle::close);
    return oracle;
  }

  private void onLine(JsonNode line) {
    if (line.path("ready").asBoolean(false)) {
      ready.complete(line);
      return;
    }
    CompletableFuture<JsonNode> answer = pending.remove(line.path("id").asLong(-1));
    if (answer != null) {
      answer.complete(line);
    }
  }

  private void onEnd() {
    IllegalStateException gone = new IllegalStateException("oracle.mjs ended");
    ready.completeExceptionally(gone);
    pending.values().forEach(f -> f.completeExceptionally(gone));
  }

  /**
   * Sets the default app for later calls: {@code appId}, {@code key}, {@code secret}, {@code host}
   * (loopback only), {@code port}, {@code encryptionMasterKeyBase64}, {@code timeoutMs}.
   *
   * @param app the settings to merge into the defaults
   */
  public void configure(Map<String, ?> app) {
    call("configure", app);
  }

  /**
   * Asks the oracle one question.
   *
   * @param op the operation, for example {@code authorizeChannel}
   * @param params its parameters: a {@code Map}, a {@code JsonNode}, or anything Jackson converts
   *     to a JSON object
   * @return the {@code result} of the answer
   * @throws OracleException if the library refused (its message, plus {@code details} such as the
   *     HTTP status of a failed request)
   */
  public JsonNode call(String op, Object params) {
    long id = nextId.incrementAndGet();
    ObjectNode request = Json.object();
    request.put("id", id);
    request.put("op", op);
    request.set("params", params == null ? Json.object() : Json.tree(params));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      process.send(request);
      JsonNode line = answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (line.has("error")) {
        throw new OracleException(
            op, line.path("error").asText(), line.has("details") ? line.get("details") : null);
      }
      return line.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking the oracle " + request, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "No answer to " + request + ": " + e + "; " + process.describeExit(), e);
    } finally {
      pending.remove(id);
    }
  }

  /**
   * Shortcut for {@code call(op, Map.of(...))} with alternating names and values.
   *
   * @param op the operation
   * @param namesAndValues {@code "name1", value1, "name2", value2, ...}
   * @return the {@code result} of the answer
   */
  public JsonNode call(String op, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return call(op, (Object) params);
  }

  /**
   * The pid of the Node process.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * The file with the process's stderr.
   *
   * @return its path
   */
  public Path log() {
    return process.log();
  }

  /** Stops the Node process (end of input, then by its pid). */
  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  /** The oracle's library refused a request; carries the library's message. */
  public static final class OracleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final transient JsonNode details;

    OracleException(String op, String message, JsonNode details) {
      super(op + ": " + message + (details == null ? "" : " " + details));
      this.op = op;
      this.details = details;
    }

    /**
     * The operation that failed.
     *
     * @return its name
     */
    public String op() {
      return op;
    }

    /**
     * Extra facts, such as {@code {"status":401,"body":"..."}} for a failed HTTP call.
     *
     * @return the details, or {@code null}
     */
    public JsonNode details() {
      return details;
    }
  }
}
