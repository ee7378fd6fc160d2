package io.channels4j.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.channels4j.Pusher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-process server that speaks the Pusher Channels HTTP API like the real service, for tests.
 *
 * <p>It listens on 127.0.0.1 on an ephemeral port, checks every request's signature (401 on a bad
 * one, or on a timestamp more than 600 s away from its clock), enforces the service's limits (100
 * channels per event, 200-character channel and event names in the channel charset, 10 events per
 * batch, {@code socket_id} format: 400; event data over 10 KB by default: 413), and answers
 * triggers, batches (with {@code info}), channel and presence queries, send-to-user, connection
 * termination and the legacy push endpoint.
 *
 * <pre>{@code
 * try (PusherTestServer server = PusherTestServer.start()) {
 *   server.client().trigger("orders", "created", Map.of("id", 7));
 *   RecordedTrigger t = server.takeTrigger();
 *   assertThat(t.data()).isEqualTo("{\"id\":7}");
 * }
 * }</pre>
 *
 * <p>Queries answer from what a test seeded ({@link #occupy}, {@link #addPresenceMember}); {@link
 * #enqueueFault} makes the next requests fail; {@link #sendWebhook} posts a signed webhook to a
 * receiver on this machine. The server is thread-safe; {@link #close()} stops it and the client it
 * made.
 */
public final class PusherTestServer implements AutoCloseable {
  /** The app id used unless the builder sets another. */
  public static final String DEFAULT_APP_ID = "4242";

  /** The app key used unless the builder sets another. */
  public static final String DEFAULT_KEY = "testkit-key";

  /** The app secret used unless the builder sets another. */
  public static final String DEFAULT_SECRET = "testkit-secret";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String appId;
  private final String key;
  private final String secret;
  private final int maxEventDataBytes;
  private final Clock clock;
  private final Duration takeTimeout;
  private final SignatureCheck signatures;
  private final ServerState state = new ServerState();
  private final Recorder<RecordedRequest> requests = new Recorder<>();
  private final Recorder<RecordedTrigger> triggers = new Recorder<>();
  private final Recorder<String> terminatedUsers = new Recorder<>();
  private final Recorder<RecordedNotification> notifications = new Recorder<>();
  private final HttpServer server;
  private final ExecutorService executor;
  private Pusher client;
  private boolean closed;

  private PusherTestServer(Builder b) throws IOException {
    this.appId = b.appId;
    this.key = b.key;
    this.secret = b.secret;
    this.maxEventDataBytes = b.maxEventDataBytes;
    this.clock = b.clock;
    this.takeTimeout = b.takeTimeout;
    this.signatures = new SignatureCheck(key, secret, clock, b.timestampTolerance);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "pusher-test-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
    server.createContext(
        "/",
        new ApiHandler(
            appId,
            signatures,
            state,
            clock,
            maxEventDataBytes,
            new ApiHandler.Recorders(requests, triggers, terminatedUsers, notifications),
            b.listener));
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Starts a server with the default credentials and limits.
   *
   * @return the running server
   */
  public static PusherTestServer start() {
    return builder().start();
  }

  /**
   * Starts configuring a server.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------------------- credentials

  /**
   * Returns the app id the server accepts.
   *
   * @return the app id
   */
  public String appId() {
    return appId;
  }

  /**
   * Returns the app key the server accepts.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the app secret requests must be signed with.
   *
   * @return the secret
   */
  public String secret() {
    return secret;
  }

  /**
   * Returns the port the server listens on, on 127.0.0.1.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Returns the server's base URI, e.g. {@code http://127.0.0.1:54321}.
   *
   * @return the base URI
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Returns the server as a {@code PUSHER_URL}: {@code http://KEY:SECRET@127.0.0.1:PORT/apps/ID}.
   *
   * @return the URL, secret included
   */
  public String url() {
    return "http://" + key + ":" + secret + "@127.0.0.1:" + port() + "/apps/" + appId;
  }

  /**
   * Returns a client configured against this server, shared by every caller and closed with the
   * server.
   *
   * @return the client
   */
  public synchronized Pusher client() {
    if (closed) {
      throw new IllegalStateException("the test server is closed");
    }
    if (client == null) {
      client = clientBuilder().build();
    }
    return client;
  }

  /**
   * Returns a builder preset for this server (credentials, host, port, plain HTTP, the same data
   * limit), to adjust e.g. the retry policy or clock. The client it builds is the caller's to
   * close.
   *
   * @return the builder
   */
  public Pusher.Builder clientBuilder() {
    return Pusher.builder()
        .appId(appId)
        .key(key)
        .secret(secret)
        .host("127.0.0.1")
        .port(port())
        .useTls(false)
        .pushNotificationHost("127.0.0.1:" + port())
        .maxEventDataBytes(maxEventDataBytes);
  }

  // --------------------------------------------------------------------------------- recording

  /**
   * Takes the oldest event not yet taken, waiting for one up to the take timeout (5 s unless the
   * builder says otherwise).
   *
   * @return the event
   * @throws IllegalStateException when none arrives in time
   */
  public RecordedTrigger takeTrigger() {
    return takeTrigger(takeTimeout)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no event arrived within "
                        + takeTimeout.toMillis()
                        + " ms; requests received: "
                        + requests.snapshot()));
  }

  /**
   * Takes the oldest event not yet taken, waiting for one up to {@code timeout}.
   *
   * @param timeout how long to wait
   * @return the event, or empty when none arrived in time
   */
  public Optional<RecordedTrigger> takeTrigger(Duration timeout) {
    return interruptibly(() -> triggers.take(timeout));
  }

  /**
   * Returns every event accepted so far, oldest first (taken or not).
   *
   * @return the events
   */
  public List<RecordedTrigger> triggers() {
    return triggers.snapshot();
  }

  /**
   * Waits until at least {@code count} events were accepted.
   *
   * @param count how many
   * @param timeout how long to wait
   * @return every event accepted so far
   * @throws IllegalStateException when fewer arrive in time
   */
  public List<RecordedTrigger> awaitTriggers(int count, Duration timeout) {
    return interruptibly(() -> triggers.await(count, timeout))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "expected "
                        + count
                        + " events within "
                        + timeout.toMillis()
                        + " ms, but "
                        + triggers.size()
                        + " arrived"));
  }

  /**
   * Takes the oldest request not yet taken, whatever its outcome, waiting up to the take timeout.
   *
   * @return the request
   * @throws IllegalStateException when none arrives in time
   */
  public RecordedRequest takeRequest() {
    return interruptibly(() -> requests.take(takeTimeout))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no request arrived within " + takeTimeout.toMillis() + " ms"));
  }

  /**
   * Returns every request received so far, oldest first, refused ones included.
   *
   * @return the requests
   */
  public List<RecordedRequest> requests() {
    return requests.snapshot();
  }

  /**
   * Returns the users whose connections were terminated, in order.
   *
   * @return the user ids
   */
  public List<String> terminatedUsers() {
    return terminatedUsers.snapshot();
  }

  /**
   * Returns the push notifications accepted, in order.
   *
   * @return the notifications
   */
  public List<RecordedNotification> notifications() {
    return notifications.snapshot();
  }

  // ----------------------------------------------------------------------------------- seeding

  /**
   * Marks a channel occupied by {@code subscriptions} connections (besides presence members), so
   * channel queries list it. 0 vacates it, unless it has presence members.
   *
   * @param channel the channel
   * @param subscriptions how many connections
   */
  public void occupy(String channel, int subscriptions) {
    Objects.requireNonNull(channel, "channel");
    if (subscriptions < 0) {
      throw new IllegalArgumentException("subscriptions must be >= 0, but is " + subscriptions);
    }
    state.occupy(channel, subscriptions);
  }

  /**
   * Forgets a channel: its subscriptions and presence members.
   *
   * @param channel the channel
   */
  public void vacate(String channel) {
    state.vacate(Objects.requireNonNull(channel, "channel"));
  }

  /**
   * Adds a member to a presence channel (one more subscription), so user queries list it.
   *
   * @param channel a {@code presence-} channel
   * @param userId the user
   */
  public void addPresenceMember(String channel, String userId) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(userId, "userId");
    if (!channel.startsWith("presence-")) {
      throw new IllegalArgumentException("channel must start with presence-, but is " + channel);
    }
    state.addMember(channel, userId);
  }

  /**
   * Removes a member from a presence channel.
   *
   * @param channel the channel
   * @param userId the user
   * @return whether the user was a member
   */
  public boolean removePresenceMember(String channel, String userId) {
    return state.removeMember(channel, userId);
  }

  /**
   * Sets how many subscribers the push endpoint reports.
   *
   * @param subscribers the number
   */
  public void pushSubscribers(int subscribers) {
    state.pushSubscribers(subscribers);
  }

  // ------------------------------------------------------------------------------------ faults

  /**
   * Plays a fault on the next request, whatever its path.
   *
   * @param fault the fault
   */
  public void enqueueFault(Fault fault) {
    enqueueFault(fault, 1);
  }

  /**
   * Plays a fault on each of the next {@code times} requests.
   *
   * @param fault the fault
   * @param times 1 to 1000
   */
  public void enqueueFault(Fault fault, int times) {
    Objects.requireNonNull(fault, "fault");
    if (times < 1 || times > 1000) {
      throw new IllegalArgumentException("times must be 1 to 1000, but is " + times);
    }
    state.enqueue(fault, times);
  }

  /** Forgets everything: recorded requests and events, seeded channels, queued faults. */
  public void reset() {
    requests.clear();
    triggers.clear();
    terminatedUsers.clear();
    notifications.clear();
    state.reset();
  }

  // ---------------------------------------------------------------------------------- webhooks

  /**
   * Signs a webhook body as the service does: lowercase hex HMAC-SHA256 under the app secret.
   *
   * @param body the exact body bytes
   * @return the {@code X-Pusher-Signature} value
   */
  public String signWebhook(byte[] body) {
    return signatures.hmacHex(body);
  }

  /**
   * Sends a signed webhook, {@code {"time_ms":NOW,"events":[...]}}, to a receiver on this machine.
   *
   * @param target an {@code http://127.0.0.1:PORT/...} URI
   * @param events the events, e.g. from {@link WebhookEvents}
   * @return what the receiver answered
   * @throws IllegalArgumentException when the target is not on 127.0.0.1
   * @throws UncheckedIOException when the receiver cannot be reached
   */
  public WebhookDelivery sendWebhook(URI target, List<Map<String, Object>> events) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("time_ms", clock.millis());
    payload.put("events", List.copyOf(events));
    byte[] body;
    try {
      body = MAPPER.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the events cannot be written as JSON", e);
    }
    return sendRawWebhook(target, body, key, signWebhook(body));
  }

  /**
   * Sends a webhook with the given body and headers as they are, e.g. to test a receiver's
   * refusals.
   *
   * @param target an {@code http://127.0.0.1:PORT/...} URI
   * @param body the body
   * @param key the {@code X-Pusher-Key} header
   * @param signature the {@code X-Pusher-Signature} header
   * @return what the receiver answered
   */
  public WebhookDelivery sendRawWebhook(URI target, byte[] body, String key, String signature) {
    checkLoopback(target);
    try {
      HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(10_000);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("X-Pusher-Key", key);
      c.setRequestProperty("X-Pusher-Signature", signature);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      c.disconnect();
      return new WebhookDelivery(status, answer, body, key, signature);
    } catch (IOException e) {
      throw new UncheckedIOException("webhook to " + target + " failed: " + e.getMessage(), e);
    }
  }

  private static void checkLoopback(URI target) {
    Objects.requireNonNull(target, "target");
    if (!"http".equals(target.getScheme()) || !"127.0.0.1".equals(target.getHost())) {
      throw new IllegalArgumentException(
          "webhook target must be http://127.0.0.1:PORT/...: the test server sends webhooks to"
              + " this machine only, but the target is "
              + target.getScheme()
              + "://"
              + target.getHost());
    }
  }

  // --------------------------------------------------------------------------------- lifecycle

  /** Stops the server and closes the client it made. Idempotent. */
  @Override
  public void close() {
    Pusher c;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      c = client;
    }
    if (c != null) {
      c.close();
    }
    server.stop(0);
    executor.shutdownNow();
  }

  /** Shows where the server listens; never the secret. */
  @Override
  public String toString() {
    return "PusherTestServer[appId=" + appId + ", key=" + key + ", uri=" + baseUri() + "]";
  }

  private interface Wait<T> {
    T run() throws InterruptedException;
  }

  private static <T> T interruptibly(Wait<T> wait) {
    try {
      return wait.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  /** Configures a {@link PusherTestServer}. */
  public static final class Builder {
    private String appId = DEFAULT_APP_ID;
    private String key = DEFAULT_KEY;
    private String secret = DEFAULT_SECRET;
    private int port;
    private int maxEventDataBytes = 10 * 1024;
    private Clock clock = Clock.systemUTC();
    private Duration timestampTolerance = Duration.ofSeconds(600);
    private Duration takeTimeout = Duration.ofSeconds(5);
    private Consumer<RecordedRequest> listener;

    private Builder() {}

    /**
     * Sets the app id.
     *
     * @param appId the app id
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = text("appId", appId);
      if (appId.contains("/")) {
        throw new IllegalArgumentException("appId must not contain '/'");
      }
      return this;
    }

    /**
     * Sets the app key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder key(String key) {
      this.key = text("key", key);
      return this;
    }

    /**
     * Sets the app secret.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(String secret) {
      this.secret = text("secret", secret);
      return this;
    }

    /**
     * Listens on a fixed port instead of an ephemeral one.
     *
     * @param port 0 (ephemeral, the default) to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, but is " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the largest event data accepted, in UTF-8 bytes; larger gets 413. Default 10 KiB, the
     * service's limit.
     *
     * @param bytes 1 byte to 10 MiB
     * @return this builder
     */
    public Builder maxEventDataBytes(int bytes) {
      if (bytes < 1 || bytes > 10 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxEventDataBytes must be 1 to 10485760, but is " + bytes);
      }
      this.maxEventDataBytes = bytes;
      return this;
    }

    /**
     * Sets the server's clock, against which request timestamps are checked.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how far a request's timestamp may be from the server's clock. Default 600 s, the
     * service's window.
     *
     * @param tolerance a non-negative duration
     * @return this builder
     */
    public Builder timestampTolerance(Duration tolerance) {
      if (tolerance.isNegative()) {
        throw new IllegalArgumentException("timestampTolerance must not be negative");
      }
      this.timestampTolerance = tolerance;
      return this;
    }

    /**
     * Sets how long {@link #takeTrigger()} and {@link #takeRequest()} wait. Default 5 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder takeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("takeTimeout must be positive, but is " + timeout);
      }
      this.takeTimeout = timeout;
      return this;
    }

    /**
     * Observes every request after it was handled, e.g. to log it.
     *
     * @param listener called on the server's threads; its exceptions are ignored
     * @return this builder
     */
    public Builder requestListener(Consumer<RecordedRequest> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws UncheckedIOException when it cannot listen
     */
    public PusherTestServer start() {
      try {
        return new PusherTestServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "the test server cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
      }
    }

    private static String text(String field, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(field + " must not be empty");
      }
      return value;
    }
  }
}
