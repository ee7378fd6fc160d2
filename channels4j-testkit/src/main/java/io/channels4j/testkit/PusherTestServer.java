package io.channels4j.testkit;

import com.sun.net.httpserver.HttpServer;
import io.channels4j.Pusher;
import io.channels4j.internal.protocol.ChannelKind;
import io.channels4j.testkit.internal.DeadlineExecutor;
import io.channels4j.testkit.internal.Recordings;
import io.channels4j.testkit.internal.RequestHandler;
import io.channels4j.testkit.internal.ServerState;
import io.channels4j.testkit.internal.ServiceLimits;
import io.channels4j.testkit.internal.SignatureCheck;
import io.channels4j.testkit.internal.WebhookSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>It stays usable whatever it is fed. A body larger than any valid request gets 413 and is never
 * held in memory; a body is kept in the recordings only when the request's signature is genuine;
 * recordings are bounded (10,000 per kind and 32 MiB of bodies by default: the oldest are dropped
 * and counted, see {@link #droppedRequests()}); and a request must be read in full within the read
 * timeout (10 s by default), so half-sent requests cannot hold the server's 16 threads.
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
 * made. With JUnit 5, {@link io.channels4j.testkit.junit.WithPusherTestServer} runs one for a test
 * class and injects it.
 */
public final class PusherTestServer implements AutoCloseable {
  /** The app id used unless the builder sets another. */
  public static final String DEFAULT_APP_ID = "4242";

  /** The app key used unless the builder sets another. */
  public static final String DEFAULT_KEY = "testkit-key";

  /** The app secret used unless the builder sets another. */
  public static final String DEFAULT_SECRET = "testkit-secret";

  private static final int THREADS = 16;

  private final String appId;
  private final String key;
  private final String secret;
  private final int maxEventDataBytes;
  private final Duration takeTimeout;
  private final SignatureCheck signatures;
  private final WebhookSender webhooks;
  private final ServerState state = new ServerState();
  private final Recordings recordings;
  private final HttpServer server;
  private final DeadlineExecutor executor;
  private Pusher client;
  private boolean closed;

  private PusherTestServer(Builder b) throws IOException {
    this.appId = b.appId;
    this.key = b.key;
    this.secret = b.secret;
    this.maxEventDataBytes = b.maxEventDataBytes;
    this.takeTimeout = b.takeTimeout;
    this.signatures = new SignatureCheck(key, secret, b.clock, b.timestampTolerance);
    this.webhooks = new WebhookSender(key, signatures, b.clock);
    this.recordings = Recordings.bounded(b.maxRecordings, b.maxRecordedBytes);
    this.executor = new DeadlineExecutor(THREADS, b.readTimeout, "pusher-test-server");
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
    } catch (IOException e) {
      executor.shutdown();
      throw e;
    }
    server.createContext(
        "/",
        new RequestHandler(
            appId,
            signatures,
            state,
            b.clock,
            new ServiceLimits(maxEventDataBytes),
            recordings,
            b.listener,
            executor));
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
                        + " ms ("
                        + droppedTriggers()
                        + " dropped from the full recording); requests received: "
                        + recordings.requests().snapshot()));
  }

  /**
   * Takes the oldest event not yet taken, waiting for one up to {@code timeout}.
   *
   * @param timeout how long to wait
   * @return the event, or empty when none arrived in time
   */
  public Optional<RecordedTrigger> takeTrigger(Duration timeout) {
    return interruptibly(() -> recordings.triggers().take(timeout));
  }

  /**
   * Returns every event accepted so far, oldest first (taken or not).
   *
   * @return the events
   */
  public List<RecordedTrigger> triggers() {
    return recordings.triggers().snapshot();
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
    return interruptibly(() -> recordings.triggers().await(count, timeout))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "expected "
                        + count
                        + " events within "
                        + timeout.toMillis()
                        + " ms, but "
                        + recordings.triggers().received()
                        + " arrived"));
  }

  /**
   * Takes the oldest request not yet taken, whatever its outcome, waiting up to the take timeout.
   *
   * @return the request
   * @throws IllegalStateException when none arrives in time
   */
  public RecordedRequest takeRequest() {
    return interruptibly(() -> recordings.requests().take(takeTimeout))
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
    return recordings.requests().snapshot();
  }

  /**
   * Returns the users whose connections were terminated, in order.
   *
   * @return the user ids
   */
  public List<String> terminatedUsers() {
    return recordings.terminatedUsers().snapshot();
  }

  /**
   * Returns the push notifications accepted, in order.
   *
   * @return the notifications
   */
  public List<RecordedNotification> notifications() {
    return recordings.notifications().snapshot();
  }

  /**
   * Returns how many requests were dropped from {@link #requests()} to keep the recordings within
   * their bounds ({@link Builder#maxRecordings}, {@link Builder#maxRecordedBytes}), oldest first.
   *
   * @return the count since start or the last {@link #reset()}
   */
  public long droppedRequests() {
    return recordings.requests().dropped();
  }

  /**
   * Returns how many events were dropped from {@link #triggers()} to keep the recordings within
   * their bounds, oldest first, taken or not: a test that takes events must take them before this
   * many more arrive.
   *
   * @return the count since start or the last {@link #reset()}
   */
  public long droppedTriggers() {
    return recordings.triggers().dropped();
  }

  /**
   * Returns the body bytes held by the recorded requests. Only genuinely signed requests keep their
   * body; others are recorded with an empty one.
   *
   * @return the bytes, at most {@link Builder#maxRecordedBytes} (or one body, if a single body is
   *     larger)
   */
  public long recordedBodyBytes() {
    return recordings.requests().weight();
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
    if (!ChannelKind.PRESENCE.matches(channel)) {
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

  /**
   * Forgets everything: recorded requests and events (and their drop counts), seeded channels,
   * queued faults.
   */
  public void reset() {
    recordings.clear();
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
    return webhooks.send(target, events);
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
    return webhooks.sendRaw(target, body, key, signature);
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
    executor.shutdown();
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
    private int maxEventDataBytes = ServiceLimits.DEFAULT_MAX_EVENT_DATA_BYTES;
    private Clock clock = Clock.systemUTC();
    private Duration timestampTolerance = Duration.ofSeconds(600);
    private Duration takeTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    private int maxRecordings = 10_000;
    private long maxRecordedBytes = 32L * 1024 * 1024;
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
     * Sets how long a client may take to send one request (line, headers and body); a slower one
     * has its connection closed without an answer, so half-sent requests cannot hold the server's
     * threads. Default 10 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readTimeout must be positive, but is " + timeout);
      }
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Sets how many requests, events, terminated users and notifications are kept, each. When a
     * recording is full, its oldest entry is dropped (and counted, see {@link
     * PusherTestServer#droppedRequests()}). Default 10,000.
     *
     * @param count 1 to 1,000,000
     * @return this builder
     */
    public Builder maxRecordings(int count) {
      if (count < 1 || count > 1_000_000) {
        throw new IllegalArgumentException("maxRecordings must be 1 to 1000000, but is " + count);
      }
      this.maxRecordings = count;
      return this;
    }

    /**
     * Sets how many bytes of request bodies are kept, and separately how many characters of event
     * data; past it the oldest entries are dropped (and counted). Default 32 MiB.
     *
     * @param bytes 0 to 4 GiB
     * @return this builder
     */
    public Builder maxRecordedBytes(long bytes) {
      if (bytes < 0 || bytes > 4L * 1024 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxRecordedBytes must be 0 to 4294967296, but is " + bytes);
      }
      this.maxRecordedBytes = bytes;
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
