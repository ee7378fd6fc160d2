package io.channels4j.interop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Real pusher-js clients (the official browser client, run in Node), driven through {@code
 * src/test/node/clients.mjs}. One Node process holds any number of named clients.
 *
 * <p>Commands are acknowledged synchronously; everything the clients observe (connection, socket
 * id, subscriptions, events with their raw data, members, errors, state changes) arrives as JSON
 * lines that are kept in order and can be awaited with bounded waits. The line types are listed in
 * {@code interop-tests/README.md}.
 *
 * <pre>{@code
 * try (PusherJsClients clients = PusherJsClients.start(soketi, app)) {
 *   String socketId = clients.connect("c1");
 *   clients.subscribe("c1", "my-channel");          // awaits subscription_succeeded
 *   int mark = clients.mark();
 *   // ... trigger through the HTTP API ...
 *   JsonNode event = clients.await(mark, Line.event("c1", "my-channel", "my-event"));
 * }
 * }</pre>
 */
public final class PusherJsClients implements AutoCloseable {

  /** How long the convenience methods wait. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final List<JsonNode> lines = new ArrayList<>();
  private final Map<Long, CompletableFuture<JsonNode>> pendingAcks = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private volatile boolean ended;
  private NodeProcess process;

  private PusherJsClients() {}

  /**
   * Starts the clients process for a soketi, with the app server's auth endpoints.
   *
   * @param soketi the server to connect to
   * @param app the app server whose {@code /pusher/auth} and {@code /pusher/user-auth} are used
   * @return the running process, ready for commands
   */
  public static PusherJsClients start(Soketi soketi, AppServer app) {
    return start(
        NodeModules.locate(), soketi.port(), soketi.key(), app.channelAuthUri(), app.userAuthUri());
  }

  /**
   * Starts the clients process.
   *
   * @param modules where node and pusher-js are
   * @param wsPort the WebSocket port on 127.0.0.1
   * @param key the app key
   * @param authEndpoint the channel authorization endpoint, or {@code null}
   * @param userAuthEndpoint the user authentication endpoint, or {@code null}
   * @return the running process, ready for commands
   */
  public static PusherJsClients start(
      NodeModules modules, int wsPort, String key, URI authEndpoint, URI userAuthEndpoint) {
    List<String> arguments = new ArrayList<>(List.of("--ws-port", "" + wsPort, "--key", key));
    if (authEndpoint != null) {
      arguments.addAll(List.of("--auth-endpoint", authEndpoint.toString()));
    }
    if (userAuthEndpoint != null) {
      arguments.addAll(List.of("--user-auth-endpoint", userAuthEndpoint.toString()));
    }
    PusherJsClients clients = new PusherJsClients();
    clients.process =
        NodeProcess.start(modules, "clients.mjs", arguments, clients::onLine, clients::onEnd);
    clients.process.awaitReady(clients.ready, START_TIMEOUT, clients::close);
    return clients;
  }

  private void onLine(JsonNode line) {
    String type = line.path("type").asText();
    if ("ack".equals(type)) {
      CompletableFuture<JsonNode> ack = pendingAcks.remove(line.path("id").asLong(-1));
      if (ack != null) {
        ack.complete(line);
        return;
      }
    }
    if ("ready".equals(type)) {
      ready.complete(line);
    }
    synchronized (lines) {
      lines.add(line);
      lines.notifyAll();
    }
  }

  private void onEnd() {
    ended = true;
    IllegalStateException gone = new IllegalStateException("clients.mjs ended");
    ready.completeExceptionally(gone);
    pendingAcks.values().forEach(f -> f.completeExceptionally(gone));
    synchronized (lines) {
      lines.notifyAll();
    }
  }

  // ---- Commands -------------------------------------------------------------------------------

  /**
   * Sends any command and waits for its acknowledgement.
   *
   * @param cmd the command name, for example {@code subscribe}
   * @param fields the other fields of the command, for example {@code client} and {@code channel}
   * @return the {@code result} of the acknowledgement
   * @throws IllegalStateException if clients.mjs refused the command or did not answer
   */
  public JsonNode command(String cmd, Map<String, ?> fields) {
    long id = nextId.incrementAndGet();
    ObjectNode command = Json.object();
    command.put("id", id);
    command.put("cmd", cmd);
    fields.forEach((name, value) -> command.set(name, Json.tree(value)));
    CompletableFuture<JsonNode> ack = new CompletableFuture<>();
    pendingAcks.put(id, ack);
    try {
      process.send(command);
      JsonNode answer = ack.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!answer.path("ok").asBoolean()) {
        throw new IllegalStateException(
            "clients.mjs refused " + command + ": " + answer.path("error").asText());
      }
      return answer.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "No answer to " + command + ": " + e + "; " + process.describeExit(), e);
    } finally {
      pendingAcks.remove(id);
    }
  }

  /**
   * Connects a new client (no sign-in) and waits until it has a socket id.
   *
   * @param client a name for the client, unique in this process
   * @return its socket id
   */
  public String connect(String client) {
    return connect(client, Map.of());
  }

  /**
   * Connects a new client and waits until it has a socket id.
   *
   * @param client a name for the client, unique in this process
   * @param userAuth whether the client signs in (pusher-js {@code signin()}) once connected
   * @return its socket id
   */
  public String connect(String client, boolean userAuth) {
    return connect(client, Map.of("userAuth", userAuth));
  }

  /**
   * Connects a new client with further options and waits until it has a socket id.
   *
   * @param client a name for the client, unique in this process
   * @param options fields of the {@code connect} command: {@code userAuth}, {@code authParams},
   *     {@code authHeaders}, {@code userAuthParams}, {@code userAuthHeaders}, {@code authEndpoint},
   *     {@code userAuthEndpoint}, {@code wsPort}, {@code key}, {@code options} (more pusher-js
   *     options)
   * @return its socket id
   */
  public String connect(String client, Map<String, ?> options) {
    int mark = mark();
    Map<String, Object> fields = new LinkedHashMap<>(options);
    fields.put("client", client);
    command("connect", fields);
    return await(mark, Line.type("connected").client(client), DEFAULT_TIMEOUT)
        .path("socketId")
        .asText();
  }

  /**
   * Subscribes a client to a channel and waits for the outcome.
   *
   * @param client the client name
   * @param channel the channel name
   * @return the {@code subscription_succeeded} or {@code subscription_error} line
   */
  public JsonNode subscribe(String client, String channel) {
    int mark = mark();
    command("subscribe", Map.of("client", client, "channel", channel));
    return await(
        mark,
        Line.any()
            .client(client)
            .channel(channel)
            .and(
                "type=subscription_succeeded|subscription_error",
                line -> {
                  String type = line.path("type").asText();
                  return type.equals("subscription_succeeded") || type.equals("subscription_error");
                }),
        DEFAULT_TIMEOUT);
  }

  /**
   * Unsubscribes a client from a channel.
   *
   * @param client the client name
   * @param channel the channel name
   */
  public void unsubscribe(String client, String channel) {
    command("unsubscribe", Map.of("client", client, "channel", channel));
  }

  /**
   * Sends a client event ({@code client-...}) from a client on a subscribed channel.
   *
   * @param client the client name
   * @param channel the channel name
   * @param event the event name, starting with {@code client-}
   * @param data the data, converted to JSON
   * @return whether pusher-js sent it (false while not connected)
   */
  public boolean trigger(String client, String channel, String event, Object data) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("client", client);
    fields.put("channel", channel);
    fields.put("event", event);
    fields.put("data", Json.tree(data));
    return command("trigger", fields).path("sent").asBoolean();
  }

  /**
   * Makes a connected client sign in and waits for the outcome.
   *
   * @param client the client name
   * @return the {@code signin_success} or {@code signin_error} line
   */
  public JsonNode signin(String client) {
    int mark = mark();
    command("signin", Map.of("client", client));
    return await(
        mark,
        Line.any()
            .client(client)
            .and(
                "type=signin_success|signin_error",
                line -> {
                  String type = line.path("type").asText();
                  return type.equals("signin_success") || type.equals("signin_error");
                }),
        DEFAULT_TIMEOUT);
  }

  /**
   * Disconnects a client (it can {@code reconnect} later through {@link #command}).
   *
   * @param client the client name
   */
  public void disconnect(String client) {
    command("disconnect", Map.of("client", client));
  }

  /**
   * Makes a client that is not connected try to connect at once (pusher-js otherwise waits for its
   * own retry timers, 10-15 s after a failed attempt), and waits until it is connected.
   *
   * @param client the client name
   * @param timeout how long to wait for the {@code connected} line
   * @return the new socket id
   */
  public String reconnect(String client, Duration timeout) {
    int mark = mark();
    JsonNode result = command("reconnect", Map.of("client", client));
    if ("connected".equals(result.path("previous").asText())) {
      return state(client).path("socketId").asText();
    }
    return await(mark, Line.type("connected").client(client), timeout).path("socketId").asText();
  }

  /**
   * The state of a client as pusher-js sees it.
   *
   * @param client the client name
   * @return {@code {state, socketId, channels:[{name, subscribed}], userData}}
   */
  public JsonNode state(String client) {
    return command("state", Map.of("client", client));
  }

  // ---- Lines ----------------------------------------------------------------------------------

  /**
   * The number of lines so far; pass it to the {@code await} methods to ignore older lines.
   *
   * @return the current number of lines
   */
  public int mark() {
    synchronized (lines) {
      return lines.size();
    }
  }

  /**
   * A copy of every line so far (acknowledgements excluded).
   *
   * @return the lines, oldest first
   */
  public List<JsonNode> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /**
   * The lines so far that match.
   *
   * @param predicate the condition
   * @return the matching lines, oldest first
   */
  public List<JsonNode> lines(Predicate<JsonNode> predicate) {
    return lines().stream().filter(predicate).collect(Collectors.toList());
  }

  /**
   * Waits for the first matching line among all lines, for up to {@link #DEFAULT_TIMEOUT}.
   *
   * @param predicate the condition, best a {@link Line}
   * @return the line
   * @throws AssertionError if none arrives in time
   */
  public JsonNode await(Predicate<JsonNode> predicate) {
    return await(0, predicate, DEFAULT_TIMEOUT);
  }

  /**
   * Waits for the first matching line at or after a mark.
   *
   * @param from a value of {@link #mark()}
   * @param predicate the condition, best a {@link Line}
   * @return the line
   * @throws AssertionError if none arrives within {@link #DEFAULT_TIMEOUT}
   */
  public JsonNode await(int from, Predicate<JsonNode> predicate) {
    return await(from, predicate, DEFAULT_TIMEOUT);
  }

  /**
   * Waits for the first matching line at or after a mark.
   *
   * @param from a value of {@link #mark()}
   * @param predicate the condition, best a {@link Line}
   * @param timeout how long to wait at most
   * @return the line
   * @throws AssertionError if none arrives in time
   */
  public JsonNode await(int from, Predicate<JsonNode> predicate, Duration timeout) {
    return awaitCount(from, predicate, 1, timeout).get(0);
  }

  /**
   * Waits until a number of lines at or after a mark match.
   *
   * @param from a value of {@link #mark()}
   * @param predicate the condition, best a {@link Line}
   * @param count how many matching lines are needed
   * @param timeout how long to wait at most
   * @return the first {@code count} matching lines
   * @throws AssertionError if fewer arrive in time
   */
  public List<JsonNode> awaitCount(
      int from, Predicate<JsonNode> predicate, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        List<JsonNode> found = new ArrayList<>();
        for (int i = Math.max(0, from); i < lines.size() && found.size() < count; i++) {
          if (predicate.test(lines.get(i))) {
            found.add(lines.get(i));
          }
        }
        if (found.size() >= count) {
          return found;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended) {
          throw new AssertionError(
              "Expected "
                  + count
                  + " line(s) matching ["
                  + predicate
                  + "] within "
                  + timeout
                  + ", found "
                  + found.size()
                  + (ended ? "; clients.mjs has ended: " + process.describeExit() : "")
                  + "\nLast lines:\n"
                  + recent(20));
        }
        waitOn(left);
      }
    }
  }

  /**
   * Waits the whole duration and checks that no matching line arrives after a mark.
   *
   * @param from a value of {@link #mark()}
   * @param predicate the condition, best a {@link Line}
   * @param during how long to watch
   * @throws AssertionError if a matching line arrives
   */
  public void assertNone(int from, Predicate<JsonNode> predicate, Duration during) {
    long deadline = System.nanoTime() + during.toNanos();
    synchronized (lines) {
      while (true) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
          if (predicate.test(lines.get(i))) {
            throw new AssertionError(
                "Expected no line matching [" + predicate + "], got " + lines.get(i));
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        waitOn(left);
      }
    }
  }

  private void waitOn(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(lines, Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(200)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for clients.mjs", e);
    }
  }

  private String recent(int count) {
    List<JsonNode> tail = lines.subList(Math.max(0, lines.size() - count), lines.size());
    return tail.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
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
   * The file with the process's stderr (including every pusher-js log message).
   *
   * @return its path
   */
  public Path log() {
    return process.log();
  }

  /** Disconnects every client and stops the Node process by its pid. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    if (process.isAlive() && !ended) {
      try {
        command("exit", Map.of());
      } catch (RuntimeException e) {
        // It is stopped below in any case.
      }
    }
    process.close();
  }
}
