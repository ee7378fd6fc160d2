package io.channels4j;

import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserAuthentication;
import io.channels4j.auth.UserData;
import io.channels4j.internal.Authorizer;
import io.channels4j.internal.Caller;
import io.channels4j.internal.ClientResources;
import io.channels4j.internal.Encoders;
import io.channels4j.internal.Hmac;
import io.channels4j.internal.Jackson2Mapper;
import io.channels4j.internal.PusherUrl;
import io.channels4j.internal.RequestSigner;
import io.channels4j.internal.Validate;
import io.channels4j.internal.WebhookVerifier;
import io.channels4j.internal.calls.AppEndpoint;
import io.channels4j.internal.calls.ClientParts;
import io.channels4j.internal.calls.CustomCalls;
import io.channels4j.internal.calls.EventCalls;
import io.channels4j.internal.calls.NotifyCalls;
import io.channels4j.internal.calls.Payloads;
import io.channels4j.internal.calls.QueryCalls;
import io.channels4j.internal.http.SocketTransport;
import io.channels4j.internal.http.TransportConfig;
import io.channels4j.internal.protocol.ChannelNames;
import io.channels4j.spi.ChannelEncryption;
import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.PayloadEncoder;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookSignature;
import io.channels4j.webhook.WebhookToken;
import java.net.ProxySelector;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * A client of the Pusher Channels HTTP API, and of every Pusher-compatible server (soketi, Laravel
 * Reverb, sockudo).
 *
 * <p>Build one with {@link #builder()}, {@link #fromUrl(String)} or {@link #fromEnv()} and share it
 * across the whole application: it is immutable and thread-safe. Every call checks its input before
 * any request (throwing {@link ValidationException}) and reports failures as {@link
 * PusherException}s. Each blocking call has an asynchronous twin on {@link #async()}.
 *
 * <p>The client owns the transport and async executor that its builder created, and {@link
 * #close()} releases them. A transport or executor passed to the builder stays the caller's to
 * close. Clients made with {@link #newBuilder()} share the original's transport and executor and do
 * not close them.
 */
public final class Pusher implements AutoCloseable {
  /** Prefix of end-to-end encrypted channels. */
  public static final String ENCRYPTED_CHANNEL_PREFIX = ChannelNames.PRIVATE_ENCRYPTED_PREFIX;

  /**
   * The host of Pusher's legacy push notifications API that the official libraries use by default.
   * channels4j sends nothing there unless asked: pass it to {@link Builder#pushNotificationHost} to
   * use {@link #notify}.
   */
  public static final String DEFAULT_PUSH_NOTIFICATION_HOST = "nativepush-cluster1.pusher.com";

  private final Builder config;
  private final String baseUri;
  private final ClientResources resources;
  private final Caller caller;
  private final EventCalls events;
  private final QueryCalls queries;
  private final NotifyCalls notifications;
  private final CustomCalls custom;
  private final AsyncPusher async;
  private final Authorizer authorizer;
  private final WebhookVerifier webhookVerifier;

  static {
    // The bulk publisher sends already-checked triggers through the client's own parts.
    ClientParts.register(p -> new ClientParts(p.caller, p.events));
  }

  private Pusher(
      Builder b, @Nullable HttpTransport sharedTransport, @Nullable Executor sharedExecutor) {
    this.config = b.copy();
    String host = b.host != null ? b.host : "api-" + b.cluster + ".pusher.com";
    AppEndpoint app = AppEndpoint.of(b.useTls, host, b.port, b.appId);
    this.baseUri = app.baseUri();
    // A client made by newBuilder() uses the original's transport and executor, and never owns
    // them.
    this.resources =
        ClientResources.of(
            sharedTransport != null ? sharedTransport : b.transport,
            b::builtInTransport,
            sharedExecutor != null ? sharedExecutor : b.executor,
            b.maxRequestsInFlight,
            b.maxQueuedRequests);
    Hmac hmac = new Hmac(b.secret);
    this.caller =
        new Caller(
            new RequestSigner(b.key, hmac),
            resources.transport(),
            b.timeout,
            b.clock,
            b.retryPolicy,
            b.listener,
            resources.executor());
    ChannelEncryption encryption = b.encryption;
    Payloads payloads = new Payloads(Encoders.payloads(b.encoder), encryption, b.maxEventDataBytes);
    this.events = new EventCalls(app, payloads);
    this.queries = new QueryCalls(app);
    this.notifications =
        new NotifyCalls(
            b.pushNotificationHost == null
                ? null
                : AppEndpoint.baseUri(b.useTls, b.pushNotificationHost, 0),
            app,
            payloads);
    this.custom = new CustomCalls(app, payloads);
    this.async = new AsyncPusher(caller, events, queries, notifications, custom);
    this.authorizer =
        new Authorizer(
            b.key,
            hmac,
            channel -> Payloads.requireEncryption(encryption, channel).sharedSecret(channel),
            Encoders.fallback(b.encoder));
    List<WebhookVerifier.Token> tokens = new ArrayList<>();
    tokens.add(new WebhookVerifier.Token(b.key, hmac));
    for (WebhookToken t : b.webhookTokens) {
      tokens.add(new WebhookVerifier.Token(t.key(), new Hmac(t.secret())));
    }
    this.webhookVerifier = new WebhookVerifier(tokens, b.clock, b.webhookMaxAge, encryption);
  }

  /**
   * Starts configuring a client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a client from a URL of the form {@code https://KEY:SECRET@HOST[:PORT]/apps/APP_ID}, as
   * the Pusher dashboard and Heroku's {@code PUSHER_URL} give it. {@code http} selects plain HTTP.
   *
   * @param url the URL
   * @return the client
   * @throws ValidationException when the URL is malformed; the message never contains the secret
   */
  public static Pusher fromUrl(String url) {
    return builderFromUrl(url).build();
  }

  /**
   * Creates a client from the {@code PUSHER_URL} environment variable (see {@link #fromUrl}).
   *
   * @return the client
   */
  public static Pusher fromEnv() {
    return fromEnv("PUSHER_URL");
  }

  /**
   * Creates a client from the URL in an environment variable (see {@link #fromUrl}).
   *
   * @param variable the variable's name
   * @return the client
   */
  public static Pusher fromEnv(String variable) {
    String url = System.getenv(variable);
    if (url == null || url.isBlank()) {
      throw new ValidationException(
          "environment variable "
              + variable
              + " is not set; it must hold https://KEY:SECRET@HOST[:PORT]/apps/APP_ID");
    }
    return builderFromUrl(url).build();
  }

  /**
   * Returns a builder preset from a URL (see {@link #fromUrl}), to adjust further settings.
   *
   * @param url the URL
   * @return the builder
   */
  public static Builder builderFromUrl(String url) {
    PusherUrl parsed = PusherUrl.parse(url);
    try {
      Builder b =
          builder()
              .appId(parsed.appId())
              .key(parsed.key())
              .secret(parsed.secret())
              .host(parsed.host())
              .useTls(parsed.tls());
      if (parsed.port() > 0) {
        b.port(parsed.port());
      }
      return b;
    } catch (ValidationException e) {
      // A part the URL parser let through but a setter refused (port 99999, app id a/b): the
      // setters never quote the secret, and the message still names the expected form.
      throw PusherUrl.invalid(e.getMessage());
    }
  }

  /**
   * Returns a builder preset with this client's settings. The client it builds shares this client's
   * transport and executor (and does not close them).
   *
   * @return a builder
   */
  public Builder newBuilder() {
    Builder b = config.copy();
    b.sharedTransport = resources.transport();
    b.sharedExecutor = resources.executor();
    return b;
  }

  /**
   * Returns the asynchronous face of this client: the same calls, returning futures.
   *
   * @return the async view, sharing this client's configuration
   */
  public AsyncPusher async() {
    return async;
  }

  /**
   * Returns how many calls of this client are in flight right now: blocking and async calls that
   * have started and not yet finished, waits between retries included. For gauges; a snapshot that
   * may be stale as soon as it is read.
   *
   * @return the count, at least 0
   */
  public int requestsInFlight() {
    return caller.inFlight();
  }

  /**
   * Returns how many async calls of this client wait for a free slot ({@link
   * Builder#maxRequestsInFlight}) and have not started. For gauges; a snapshot.
   *
   * @return the count, at least 0
   */
  public int requestsQueued() {
    return caller.queued();
  }

  // ---------------------------------------------------------------------------------- triggers

  /**
   * Sends an event on one channel. On a {@code private-encrypted-} channel the payload is encrypted
   * first, which needs {@link Builder#encryption}. The encoded (and encrypted) payload must fit
   * {@link Builder#maxEventDataBytes}.
   *
   * @param channel the channel
   * @param event the event name, 1 to 200 characters
   * @param data the payload: a {@link String} is sent as is, anything else is encoded (JSON by
   *     default)
   * @return the server's answer; empty unless options asked for attributes
   * @throws ValidationException before any request, when an argument breaks a rule
   * @throws PusherException when the server refused the event ({@link ApiException}) or it could
   *     not be delivered ({@link TransportException}); see {@link TransportException#requestSent()}
   *     for whether it may have arrived
   */
  public TriggerResult trigger(String channel, String event, Object data) {
    return caller.execute(events.trigger(channel, event, data));
  }

  /**
   * Sends an event on several channels at once.
   *
   * @param channels 1 to 100 channels; a {@code private-encrypted-} channel only alone, since each
   *     has its own key
   * @param event the event name
   * @param data the payload
   * @return the server's answer
   */
  public TriggerResult trigger(Collection<String> channels, String event, Object data) {
    return caller.execute(events.trigger(channels, event, data, TriggerOptions.none()));
  }

  /**
   * Sends an event with options: leave out a connection, ask for channel attributes.
   *
   * @param channels 1 to 100 channels
   * @param event the event name
   * @param data the payload
   * @param options the options
   * @return the result, with the attributes asked for
   */
  public TriggerResult trigger(
      Collection<String> channels, String event, Object data, TriggerOptions options) {
    return caller.execute(events.trigger(channels, event, data, options));
  }

  /**
   * Sends up to 10 events in one request.
   *
   * @param events the events
   * @return the attributes each event asked for
   */
  public BatchResult triggerBatch(List<Event> events) {
    return caller.execute(this.events.batch(events));
  }

  /**
   * Sends an event to every connection signed in as a user.
   *
   * @param userId the user id
   * @param event the event name
   * @param data the payload
   */
  public void sendToUser(String userId, String event, Object data) {
    caller.execute(events.sendToUser(userId, event, data));
  }

  /**
   * Sends one event to every connection of several users in one request. The Pusher service
   * documents one user per request; self-hosted servers such as soketi accept several.
   *
   * @param userIds 1 to 100 user ids
   * @param event the event name
   * @param data the payload
   */
  public void sendToUsers(Collection<String> userIds, String event, Object data) {
    caller.execute(events.sendToUsers(userIds, event, data));
  }

  /**
   * Closes every connection signed in as a user.
   *
   * @param userId the user id
   */
  public void terminateUserConnections(String userId) {
    caller.execute(events.terminateUserConnections(userId));
  }

  // ----------------------------------------------------------------------------------- queries

  /**
   * Lists occupied channels.
   *
   * @param query which channels
   * @return the channels
   */
  public ChannelsResult channels(ChannelsQuery query) {
    return caller.execute(queries.channels(query));
  }

  /**
   * Lists every occupied channel.
   *
   * @return the channels
   */
  public ChannelsResult channels() {
    return channels(ChannelsQuery.all());
  }

  /**
   * Returns the state of one channel.
   *
   * @param channel the channel
   * @param info attributes to ask for
   * @return its state
   */
  public ChannelInfo channel(String channel, ChannelAttribute... info) {
    return caller.execute(queries.channel(channel, info));
  }

  /**
   * Lists the users on a presence channel.
   *
   * @param presenceChannel a {@code presence-} channel
   * @return the users
   */
  public List<PresenceUser> users(String presenceChannel) {
    return caller.execute(queries.users(presenceChannel));
  }

  /**
   * Sends a native push notification through the legacy push endpoint (POST {@code
   * /server_api/v1/apps/APP_ID/notifications} on the {@code pushNotificationHost}). Needs {@link
   * Builder#pushNotificationHost}, usually {@link #DEFAULT_PUSH_NOTIFICATION_HOST}; without it the
   * call throws {@link ValidationException} before any request.
   *
   * @param interests 1 to 10 interests
   * @param notification the notification
   * @return how many devices are subscribed
   */
  public NotifyResult notify(List<String> interests, PushNotification notification) {
    return caller.execute(notifications.notify(interests, notification));
  }

  // ---------------------------------------------------------------- endpoints not wrapped here

  /**
   * Sends a signed GET to an endpoint of the app that this library does not wrap, and returns the
   * answer's JSON as received. Same as {@code get(path, Map.of())}.
   *
   * @param path the path below {@code /apps/APP_ID}, e.g. {@code /channels}: see {@link
   *     #get(String, Map)}
   * @return the status and the JSON text
   */
  public RawResponse get(String path) {
    return get(path, Map.of());
  }

  /**
   * Sends a signed GET to an endpoint of the app that this library does not wrap (a newer API, a
   * server's own extension), and returns the answer's JSON as received.
   *
   * <pre>{@code
   * RawResponse r = pusher.get("/channels", Map.of("filter_by_prefix", "presence-"));
   * }</pre>
   *
   * <p>The path is relative to the app: {@code /channels} requests {@code /apps/APP_ID/channels}.
   * It must start with {@code /} and must not hold a query ({@code ?}), a fragment ({@code #}) or a
   * dot segment ({@code .}, {@code ..}, also percent-encoded); other characters a path cannot hold
   * unencoded must be percent-encoded. Query parameters are given raw (they are encoded and
   * signed), with lower-case names, and none of the signature's own ({@code auth_key}, {@code
   * auth_timestamp}, {@code auth_version}, {@code auth_signature}, {@code body_md5}). Bad input
   * throws {@link ValidationException} before any request.
   *
   * <p>Answers are read like those of every call: a status outside 2xx, a body that is not JSON, or
   * an error body ({@code {"error": …, "code": 4xx}}, which soketi sends with HTTP 200) throw an
   * {@link ApiException}. A GET is retried as every read is ({@link RetryPolicy}).
   *
   * @param path the path below {@code /apps/APP_ID}
   * @param params query parameters, raw values
   * @return the status (2xx) and the JSON text
   */
  public RawResponse get(String path, Map<String, String> params) {
    return caller.execute(custom.get(path, params));
  }

  /**
   * Sends a signed POST with a JSON body to an endpoint of the app that this library does not wrap,
   * and returns the answer's JSON as received.
   *
   * <pre>{@code
   * RawResponse r = pusher.post("/events", "{\"name\":\"e\",\"channels\":[\"c\"],\"data\":\"{}\"}");
   * }</pre>
   *
   * <p>The path follows the rules of {@link #get(String, Map)}. The body must be one JSON value: a
   * {@link String} is sent as is, anything else is encoded by the payload encoder (Jackson by
   * default); it is not encrypted, whatever it names. Answers are read as for {@link #get(String,
   * Map)}.
   *
   * <p>A POST may publish, so it is delivered like {@link #trigger}: by default it is retried only
   * when the failure proves the server did not process it, and a failure after it may have been
   * processed is reported, not retried (see {@code docs/delivery.md} and {@link
   * RetryPolicy#atLeastOnce()}).
   *
   * @param path the path below {@code /apps/APP_ID}, e.g. {@code /events}
   * @param body the JSON body
   * @return the status (2xx) and the JSON text
   */
  public RawResponse post(String path, Object body) {
    return caller.execute(custom.post(path, body));
  }

  // ------------------------------------------------------------------ authorization and webhooks

  /**
   * Authorizes a connection to subscribe to a {@code private-} or {@code private-encrypted-}
   * channel. On an encrypted channel the answer also carries the channel's shared secret, which
   * needs {@link Builder#encryption}. Runs locally, without any request.
   *
   * <pre>{@code
   * String body = pusher.authorizeChannel(socketId, "private-orders").toJson();
   * }</pre>
   *
   * @param socketId the connection's socket id, as the client posted it
   * @param channel the channel
   * @return the authorization; return its {@code toJson()} to the client
   * @throws ValidationException when the socket id or channel is malformed, the channel is not
   *     private (presence channels need a {@link PresenceMember}), or it is encrypted and no
   *     encryption is configured
   */
  public ChannelAuthorization authorizeChannel(String socketId, String channel) {
    return authorizer.authorizeChannel(socketId, channel);
  }

  /**
   * Authorizes a connection to join a {@code presence-} channel as a member.
   *
   * @param socketId the connection's socket id
   * @param channel the presence channel
   * @param member who joins: user id and optional user info
   * @return the authorization, with the signed {@code channel_data}
   * @throws ValidationException when an argument is malformed, the channel is not a presence
   *     channel, or the user info cannot be written as JSON
   */
  public ChannelAuthorization authorizeChannel(
      String socketId, String channel, PresenceMember member) {
    return authorizer.authorizeChannel(socketId, channel, member);
  }

  /**
   * Authenticates a connection as a user (the client's {@code signin}), which enables {@link
   * #sendToUser}, {@link #terminateUserConnections} and watchlists.
   *
   * @param socketId the connection's socket id
   * @param user who signs in
   * @return the authentication, with the signed {@code user_data}
   * @throws ValidationException when an argument is malformed or the user info cannot be written as
   *     JSON
   */
  public UserAuthentication authenticateUser(String socketId, UserData user) {
    return authorizer.authenticateUser(socketId, user);
  }

  /**
   * {@link #authorizeChannel(String, String)} from the raw form body a Pusher client posts to the
   * channel auth endpoint ({@code socket_id=…&channel_name=…}); other fields are ignored.
   *
   * @param formBody the {@code application/x-www-form-urlencoded} body
   * @return the authorization
   * @throws ValidationException when a field is missing, repeated or malformed, or as {@link
   *     #authorizeChannel(String, String)}
   */
  public ChannelAuthorization authorizeChannelFromForm(String formBody) {
    return authorizer.authorizeChannelFromForm(formBody);
  }

  /**
   * {@link #authorizeChannel(String, String, PresenceMember)} from the raw form body a Pusher
   * client posts ({@code socket_id=…&channel_name=…}).
   *
   * @param formBody the {@code application/x-www-form-urlencoded} body
   * @param member who joins
   * @return the authorization
   * @throws ValidationException when a field is missing, repeated or malformed, or as {@link
   *     #authorizeChannel(String, String, PresenceMember)}
   */
  public ChannelAuthorization authorizeChannelFromForm(String formBody, PresenceMember member) {
    return authorizer.authorizeChannelFromForm(formBody, member);
  }

  /**
   * {@link #authenticateUser} from the raw form body a Pusher client posts to the user auth
   * endpoint ({@code socket_id=…}).
   *
   * @param formBody the {@code application/x-www-form-urlencoded} body
   * @param user who signs in
   * @return the authentication
   * @throws ValidationException when socket_id is missing, repeated or malformed, or as {@link
   *     #authenticateUser}
   */
  public UserAuthentication authenticateUserFromForm(String formBody, UserData user) {
    return authorizer.authenticateUserFromForm(formBody, user);
  }

  /**
   * Verifies a webhook and reads its events. Valid only when {@code X-Pusher-Key} names this app's
   * key or a {@link Builder#webhookToken} and {@code X-Pusher-Signature} is the HMAC of the exact
   * body bytes under that token's secret; then, if {@link Builder#webhookMaxAge} is set, its time
   * must be that close to the client's clock. Events on {@code private-encrypted-} channels are
   * decrypted with the configured encryption. The content type is not checked.
   *
   * @param headers the request headers, by name in any case (a Servlet's, Spring's {@code
   *     HttpHeaders}, the JDK server's {@code Headers})
   * @param body the raw body, exactly as received
   * @return the webhook
   * @throws InvalidWebhookException when the webhook is not genuine or well-formed, whatever the
   *     input; nothing else is thrown
   */
  public Webhook verifyWebhook(Map<String, List<String>> headers, byte[] body) {
    return webhookVerifier.verify(headers, body);
  }

  /**
   * {@link #verifyWebhook(Map, byte[])} given the two header values.
   *
   * @param key the {@code X-Pusher-Key} header value, as a servlet's {@code getHeader} returns it
   * @param signature the {@code X-Pusher-Signature} header value
   * @param body the raw body, exactly as received
   * @return the webhook
   * @throws InvalidWebhookException when the webhook is not genuine or well-formed
   */
  public Webhook verifyWebhook(@Nullable String key, @Nullable String signature, byte[] body) {
    return webhookVerifier.verify(key, signature, body);
  }

  /**
   * Checks only a webhook's signature, for callers who read the body with their own parser: valid
   * when {@code key} names this app's key or a {@link Builder#webhookToken} and {@code signature}
   * is the HMAC-SHA256 of the exact body bytes under that token's secret (compared in constant
   * time). The body is not read, so neither its time ({@link Builder#webhookMaxAge}) nor its events
   * are checked: use {@link #verifyWebhook(String, String, byte[])} for that. A refused webhook is
   * logged at INFO on {@code io.channels4j.webhook} with the reason only.
   *
   * @param key the {@code X-Pusher-Key} header value
   * @param signature the {@code X-Pusher-Signature} header value
   * @param body the raw body, exactly as received
   * @return valid, or the reason why not ({@link WebhookSignature#orThrow()} to throw it); nothing
   *     is thrown, whatever the input
   */
  public WebhookSignature checkWebhookSignature(
      @Nullable String key, @Nullable String signature, byte[] body) {
    return webhookVerifier.checkSignature(key, signature, body);
  }

  /** Releases the transport and executor this client created; a no-op for shared ones. */
  @Override
  public void close() {
    resources.close();
  }

  /** Shows where the client sends requests; never the secret. */
  @Override
  public String toString() {
    return "Pusher[appId=" + config.appId + ", key=" + config.key + ", baseUri=" + baseUri + "]";
  }

  /**
   * Configures a {@link Pusher}. Each setter checks its value at once; {@link #build()} checks that
   * the required settings (appId, key, secret) are present.
   */
  public static final class Builder {
    private @Nullable String appId;
    private @Nullable String key;
    private @Nullable String secret;
    private String cluster = "mt1";
    private @Nullable String host;
    private int port;
    private boolean useTls = true;
    private Duration timeout = Duration.ofSeconds(5);
    private @Nullable HttpTransport transport;

    // The built-in transport's settings (proxy, TLS, response cap): kept together on purpose.
    private @Nullable ProxySelector proxySelector;
    private @Nullable String proxyUser;
    private @Nullable String proxyPassword;
    private @Nullable SSLContext sslContext;
    private @Nullable SSLParameters sslParameters;
    private int maxResponseBytes = TransportConfig.DEFAULT_MAX_RESPONSE_BYTES;

    private @Nullable PayloadEncoder encoder;
    private int maxEventDataBytes = 10 * 1024;
    private Clock clock = Clock.systemUTC();
    private @Nullable String pushNotificationHost;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private @Nullable RequestListener listener;
    private @Nullable Executor executor;
    private int maxRequestsInFlight = 64;
    private int maxQueuedRequests = 10_000;
    private @Nullable ChannelEncryption encryption;
    private final List<WebhookToken> webhookTokens = new ArrayList<>();
    private @Nullable Duration webhookMaxAge;
    private @Nullable HttpTransport sharedTransport;
    private @Nullable Executor sharedExecutor;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.appId = appId;
      b.key = key;
      b.secret = secret;
      b.cluster = cluster;
      b.host = host;
      b.port = port;
      b.useTls = useTls;
      b.timeout = timeout;
      b.transport = transport;
      b.proxySelector = proxySelector;
      b.proxyUser = proxyUser;
      b.proxyPassword = proxyPassword;
      b.sslContext = sslContext;
      b.sslParameters = sslParameters;
      b.maxResponseBytes = maxResponseBytes;
      b.encoder = encoder;
      b.maxEventDataBytes = maxEventDataBytes;
      b.clock = clock;
      b.pushNotificationHost = pushNotificationHost;
      b.retryPolicy = retryPolicy;
      b.listener = listener;
      b.executor = executor;
      b.maxRequestsInFlight = maxRequestsInFlight;
      b.maxQueuedRequests = maxQueuedRequests;
      b.encryption = encryption;
      b.webhookTokens.addAll(webhookTokens);
      b.webhookMaxAge = webhookMaxAge;
      return b;
    }

    /**
     * Sets the app id: an opaque string (numeric on Pusher, {@code app-id} on a default soketi).
     *
     * @param appId the app id
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = Validate.appId(appId);
      return this;
    }

    /**
     * Sets the app key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder key(String key) {
      this.key = Validate.text("key", key);
      return this;
    }

    /**
     * Sets the app secret. It is never shown in messages, logs or {@code toString()}.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(String secret) {
      this.secret = Validate.text("secret", secret);
      return this;
    }

    /**
     * Sets the cluster, which selects the host {@code api-CLUSTER.pusher.com} unless {@link #host}
     * is set. Default {@code mt1}.
     *
     * @param cluster e.g. {@code eu}
     * @return this builder
     */
    public Builder cluster(String cluster) {
      this.cluster = Validate.cluster(cluster);
      return this;
    }

    /**
     * Sets the API host, for self-hosted servers; wins over the cluster. Accepts {@code host} or
     * {@code host:port}.
     *
     * @param host the host name or address, optionally with a port
     * @return this builder
     */
    public Builder host(String host) {
      Validate.HostPort parsed = Validate.host(host);
      if (parsed.port() > 0) {
        this.port = parsed.port();
      }
      this.host = parsed.host();
      return this;
    }

    /**
     * Sets the port; by default 443 with TLS and 80 without.
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = Validate.port(port);
      return this;
    }

    /**
     * Chooses HTTPS (the default) or plain HTTP, e.g. for a local soketi.
     *
     * @param useTls false for plain HTTP
     * @return this builder
     */
    public Builder useTls(boolean useTls) {
      this.useTls = useTls;
      return this;
    }

    /**
     * Sets the budget of one attempt: connecting, sending and reading the answer. Default 5 s.
     *
     * @param timeout a positive duration of at most 10 minutes
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Validate.timeout(timeout);
      return this;
    }

    /**
     * Uses a transport of the caller's, which the client will not close.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Routes the built-in transport's connections through the proxy that {@code selector} picks for
     * each origin: an HTTP proxy ({@code CONNECT} tunnel for https), or none for {@link
     * java.net.Proxy#NO_PROXY}. SOCKS proxies are refused. Default: {@link
     * ProxySelector#getDefault()}, looked up for each new connection, so the standard {@code
     * http.proxyHost}, {@code https.proxyHost}, {@code http.proxyPort}, {@code https.proxyPort} and
     * {@code http.nonProxyHosts} system properties apply.
     *
     * @param selector the selector, e.g. {@code ProxySelector.of(new InetSocketAddress(host,
     *     port))}
     * @return this builder
     */
    public Builder proxy(ProxySelector selector) {
      this.proxySelector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /**
     * Authenticates the built-in transport to its HTTP proxy with Basic authentication: on the
     * {@code CONNECT} of an https origin, and on each request to an http origin. The password is
     * never shown in messages, logs or {@code toString()}.
     *
     * @param user the user name (no colon)
     * @param password the password
     * @return this builder
     */
    public Builder proxyAuthentication(String user, String password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.indexOf(':') >= 0) {
        throw new ValidationException("proxy user must not contain ':' (Basic authentication)");
      }
      this.proxyUser = user;
      this.proxyPassword = password;
      return this;
    }

    /**
     * Uses this TLS context in the built-in transport: a private CA's trust store, or a key for
     * mutual TLS. Hostname verification stays on whatever the context holds. Default: {@link
     * SSLContext#getDefault()}.
     *
     * @param context the context
     * @return this builder
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Uses these TLS parameters (protocols, cipher suites, ...) in the built-in transport. Their
     * endpoint identification algorithm is overridden: host names are always verified.
     *
     * @param parameters the parameters, copied
     * @return this builder
     */
    public Builder sslParameters(SSLParameters parameters) {
      Objects.requireNonNull(parameters, "parameters");
      this.sslParameters = parameters;
      return this;
    }

    /**
     * Sets the largest response body the built-in transport reads; a larger answer fails the call
     * with a {@link TransportException} and closes its connection. Default 1 MiB, far above any
     * answer of the Pusher API.
     *
     * @param bytes 1 KiB to 64 MiB
     * @return this builder
     */
    public Builder maxResponseSize(int bytes) {
      if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
        throw new ValidationException(
            "maxResponseSize must be 1024 to 67108864 bytes, but is " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * The built-in transport, with the settings above; refused next to a transport of one's own.
     */
    private HttpTransport builtInTransport() {
      return new SocketTransport(
          new TransportConfig(
              timeout,
              maxRequestsInFlight,
              TransportConfig.DEFAULT_IDLE_TIMEOUT,
              proxySelector,
              proxyUser,
              proxyPassword,
              sslContext,
              sslParameters,
              maxResponseBytes));
    }

    private void checkTransportSettings() {
      if (transport != null
          && (proxySelector != null
              || proxyUser != null
              || sslContext != null
              || sslParameters != null
              || maxResponseBytes != TransportConfig.DEFAULT_MAX_RESPONSE_BYTES)) {
        throw new ValidationException(
            "proxy, proxyAuthentication, sslContext, sslParameters and maxResponseSize configure"
                + " the built-in transport; with transport(...) configure that transport instead");
      }
    }

    /**
     * Encodes every payload that is not a {@link String} with this encoder, so the application's
     * JSON rules apply to maps too; also user info that is not a map, list or scalar. Without one,
     * the client writes maps with string keys, lists, strings, numbers, booleans and null itself
     * (as Jackson's default mapper would), and anything else with the encoder of {@code
     * channels4j-jackson3} or {@code channels4j-jackson2} when one of them is on the class path
     * (found with {@link java.util.ServiceLoader}); with neither, such a payload is refused with a
     * {@link ValidationException} before any request.
     *
     * @param encoder the encoder, e.g. {@code Jackson3PayloadEncoder.of(mapper)}
     * @return this builder
     */
    public Builder payloadEncoder(PayloadEncoder encoder) {
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      return this;
    }

    /**
     * Encodes non-String payloads with this Jackson 2 mapper (its modules and naming strategy).
     *
     * @param mapper the mapper
     * @return this builder
     * @deprecated The core no longer needs Jackson 2 databind; this method is the only reason the
     *     application must have it. Use {@code payloadEncoder(Jackson2PayloadEncoder.of(mapper))}
     *     from {@code io.channels4j:channels4j-jackson2} (or {@code Jackson3PayloadEncoder} from
     *     {@code channels4j-jackson3}). To be removed before 1.0.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Builder jsonMapper(com.fasterxml.jackson.databind.ObjectMapper mapper) {
      this.encoder = Jackson2Mapper.encoder(Objects.requireNonNull(mapper, "mapper"));
      return this;
    }

    /**
     * Sets the largest event data accepted, in UTF-8 bytes, checked before sending. Default 10 KiB
     * (Pusher's limit; soketi allows 100 KB).
     *
     * @param bytes 1 byte to 10 MiB
     * @return this builder
     */
    public Builder maxEventDataBytes(int bytes) {
      this.maxEventDataBytes = Validate.intRange("maxEventDataBytes", bytes, 1, 10 * 1024 * 1024);
      return this;
    }

    /**
     * Sets the clock used for request timestamps and webhook freshness.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the host of the legacy push notifications API ({@link Pusher#notify}). There is no
     * default, so that no request goes to a host the application did not name: Pusher's own is
     * {@link Pusher#DEFAULT_PUSH_NOTIFICATION_HOST}.
     *
     * @param host {@code host} or {@code host:port}
     * @return this builder
     */
    public Builder pushNotificationHost(String host) {
      this.pushNotificationHost = Validate.pushNotificationHost(host);
      return this;
    }

    /**
     * Sets when failed requests are retried. Default {@link RetryPolicy#defaults()}: a trigger is
     * published at most once, and a failure whose outcome is unknown (502, 504, no answer) is
     * reported, not retried; {@link RetryPolicy#atLeastOnce()} retries those too.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Observes every request attempt, e.g. for metrics.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder requestListener(RequestListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Runs async calls on an executor of the caller's (e.g. virtual threads on Java 21), which the
     * client will not shut down. Each async call occupies one of its threads while in flight.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder asyncExecutor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets how many async calls the default executor runs at once (and how many idle connections
     * the default transport keeps). Default 64.
     *
     * @param max 1 to 1024
     * @return this builder
     */
    public Builder maxRequestsInFlight(int max) {
      this.maxRequestsInFlight = Validate.intRange("maxRequestsInFlight", max, 1, 1024);
      return this;
    }

    /**
     * Sets how many async calls may wait for a free slot; past that, async calls fail at once with
     * a {@link PusherException} instead of queueing without bound. Default 10,000.
     *
     * @param max 1 to 1,000,000
     * @return this builder
     */
    public Builder maxQueuedRequests(int max) {
      this.maxQueuedRequests = Validate.intRange("maxQueuedRequests", max, 1, 1_000_000);
      return this;
    }

    /**
     * Enables end-to-end encrypted channels ({@code private-encrypted-}), e.g. with {@code
     * SecretBoxEncryption.withMasterKeyBase64(key)} from channels4j-crypto.
     *
     * @param encryption the encryption
     * @return this builder
     */
    public Builder encryption(ChannelEncryption encryption) {
      this.encryption = Objects.requireNonNull(encryption, "encryption");
      return this;
    }

    /**
     * Accepts webhooks signed with another token as well, for key rotation: webhooks whose {@code
     * X-Pusher-Key} is {@code key} must be signed with {@code secret}. The app's own key and secret
     * are always accepted. Call once per extra token.
     *
     * @param key the token's key
     * @param secret the token's secret; never shown in messages or {@code toString()}
     * @return this builder
     */
    public Builder webhookToken(String key, String secret) {
      WebhookToken token = new WebhookToken(key, secret);
      if (!webhookTokens.contains(token)) {
        webhookTokens.add(token);
      }
      return this;
    }

    /**
     * Refuses webhooks whose {@code time_ms} is further than {@code maxAge} from the {@link
     * #clock}, in either direction, against replays. Off by default. Pusher retries a failed
     * delivery for 5 minutes with the original time, so allow more than that plus clock skew.
     *
     * @param maxAge a positive duration
     * @return this builder
     */
    public Builder webhookMaxAge(Duration maxAge) {
      this.webhookMaxAge = Validate.positive("webhookMaxAge", maxAge);
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client
     * @throws ValidationException when appId, key or secret is missing
     */
    public Pusher build() {
      List<String> missing = new ArrayList<>();
      if (appId == null) {
        missing.add("appId");
      }
      if (key == null) {
        missing.add("key");
      }
      if (secret == null) {
        missing.add("secret");
      }
      if (!missing.isEmpty()) {
        throw new ValidationException("missing required settings: " + String.join(", ", missing));
      }
      checkTransportSettings();
      return new Pusher(this, sharedTransport, sharedExecutor);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Pusher.Builder[appId=" + appId + ", key=" + key + ", host=" + host + "]";
    }
  }
}
