package io.channels4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserAuthentication;
import io.channels4j.auth.UserData;
import io.channels4j.internal.ApiCall;
import io.channels4j.internal.Authorizer;
import io.channels4j.internal.Caller;
import io.channels4j.internal.Hmac;
import io.channels4j.internal.Json;
import io.channels4j.internal.PusherUrl;
import io.channels4j.internal.RequestSigner;
import io.channels4j.internal.Validate;
import io.channels4j.internal.WebhookVerifier;
import io.channels4j.spi.ChannelEncryption;
import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.PayloadEncoder;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
  public static final String ENCRYPTED_CHANNEL_PREFIX = "private-encrypted-";

  private static final String SERVER_TO_USER_PREFIX = "#server-to-user-";
  private static final int MAX_INTERESTS = 10;

  private final Builder config;
  private final String baseUri;
  private final String appPath;
  private final Hmac hmac;
  private final Caller caller;
  private final HttpTransport transport;
  private final Executor executor;
  private final boolean ownsTransport;
  private final boolean ownsExecutor;
  private final PayloadEncoder encoder;
  private final AsyncPusher async;
  private final Authorizer authorizer;
  private final WebhookVerifier webhookVerifier;

  private Pusher(Builder b, HttpTransport sharedTransport, Executor sharedExecutor) {
    this.config = b.copy();
    String host = b.host != null ? b.host : "api-" + b.cluster + ".pusher.com";
    this.baseUri = (b.useTls ? "https://" : "http://") + hostPort(host, b.port);
    this.appPath = "/apps/" + b.appId;
    this.hmac = new Hmac(b.secret);
    if (sharedTransport != null) {
      this.transport = sharedTransport;
      this.ownsTransport = false;
    } else if (b.transport != null) {
      this.transport = b.transport;
      this.ownsTransport = false;
    } else {
      this.transport =
          HttpTransport.pooledSockets(b.timeout, b.maxRequestsInFlight, Duration.ofSeconds(30));
      this.ownsTransport = true;
    }
    if (sharedExecutor != null) {
      this.executor = sharedExecutor;
      this.ownsExecutor = false;
    } else if (b.executor != null) {
      this.executor = b.executor;
      this.ownsExecutor = false;
    } else {
      this.executor = defaultExecutor(b.maxRequestsInFlight, b.maxQueuedRequests);
      this.ownsExecutor = true;
    }
    this.encoder = b.encoder != null ? b.encoder : jacksonEncoder(Json.MAPPER);
    this.caller =
        new Caller(
            new RequestSigner(b.key, hmac),
            transport,
            b.timeout,
            b.clock,
            b.retryPolicy,
            b.listener,
            executor);
    this.async = new AsyncPusher(this);
    ChannelEncryption encryption = b.encryption;
    this.authorizer =
        new Authorizer(
            b.key, hmac, channel -> requireEncryption(encryption, channel).sharedSecret(channel));
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
    b.sharedTransport = transport;
    b.sharedExecutor = executor;
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
   * Sends an event on one channel.
   *
   * @param channel the channel
   * @param event the event name
   * @param data the payload: a {@link String} is sent as is, anything else is encoded (JSON by
   *     default)
   * @return the result
   */
  public TriggerResult trigger(String channel, String event, Object data) {
    return caller.execute(triggerCall(Pusher.single(channel), event, data, TriggerOptions.none()));
  }

  /**
   * Sends an event on several channels at once.
   *
   * @param channels 1 to 100 channels
   * @param event the event name
   * @param data the payload
   * @return the result
   */
  public TriggerResult trigger(Collection<String> channels, String event, Object data) {
    return caller.execute(triggerCall(channels, event, data, TriggerOptions.none()));
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
    return caller.execute(triggerCall(channels, event, data, options));
  }

  /**
   * Sends up to 10 events in one request.
   *
   * @param events the events
   * @return the attributes each event asked for
   */
  public BatchResult triggerBatch(List<Event> events) {
    return caller.execute(batchCall(events));
  }

  /**
   * Sends an event to every connection signed in as a user.
   *
   * @param userId the user id
   * @param event the event name
   * @param data the payload
   */
  public void sendToUser(String userId, String event, Object data) {
    caller.execute(sendToUserCall(userId, event, data));
  }

  /**
   * Closes every connection signed in as a user.
   *
   * @param userId the user id
   */
  public void terminateUserConnections(String userId) {
    caller.execute(terminateCall(userId));
  }

  // ----------------------------------------------------------------------------------- queries

  /**
   * Lists occupied channels.
   *
   * @param query which channels
   * @return the channels
   */
  public ChannelsResult channels(ChannelsQuery query) {
    return caller.execute(channelsCall(query));
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
    return caller.execute(channelCall(channel, info));
  }

  /**
   * Lists the users on a presence channel.
   *
   * @param presenceChannel a {@code presence-} channel
   * @return the users
   */
  public List<PresenceUser> users(String presenceChannel) {
    return caller.execute(usersCall(presenceChannel));
  }

  /**
   * Sends a native push notification through the legacy push endpoint (POST {@code
   * /server_api/v1/apps/APP_ID/notifications} on the {@code pushNotificationHost}).
   *
   * @param interests 1 to 10 interests
   * @param notification the notification
   * @return how many devices are subscribed
   */
  public NotifyResult notify(List<String> interests, PushNotification notification) {
    return caller.execute(notifyCall(interests, notification));
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
   * @param key the {@code X-Pusher-Key} header value
   * @param signature the {@code X-Pusher-Signature} header value
   * @param body the raw body, exactly as received
   * @return the webhook
   * @throws InvalidWebhookException when the webhook is not genuine or well-formed
   */
  public Webhook verifyWebhook(String key, String signature, byte[] body) {
    return webhookVerifier.verify(key, signature, body);
  }

  // ------------------------------------------------------------------------------ call builders

  ApiCall<TriggerResult> triggerCall(
      Collection<String> channels, String event, Object data, TriggerOptions options) {
    Validate.channels(channels);
    Validate.eventName("event", event);
    Objects.requireNonNull(options, "options");
    List<String> list = List.copyOf(channels);
    String encoded;
    String first = list.get(0);
    if (anyEncrypted(list)) {
      if (list.size() > 1) {
        throw new ValidationException(
            "channels: an event for a private-encrypted- channel must be sent to that channel"
                + " alone, but "
                + list.size()
                + " channels were given");
      }
      encoded = encrypt(first, data, "data");
    } else {
      encoded = Validate.data("data", encode(data), config.maxEventDataBytes);
    }
    byte[] body =
        Json.triggerBody(
            list, event, encoded, options.excludeSocketId().orElse(null), options.info());
    return post(CallKind.TRIGGER, "/events", body, json -> parseTrigger(json));
  }

  ApiCall<BatchResult> batchCall(List<Event> events) {
    Objects.requireNonNull(events, "events");
    if (events.isEmpty() || events.size() > Validate.MAX_BATCH_EVENTS) {
      throw new ValidationException(
          "events must hold 1 to "
              + Validate.MAX_BATCH_EVENTS
              + " events per batch, but has "
              + events.size());
    }
    List<String> datas = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event e = Objects.requireNonNull(events.get(i), "events[" + i + "]");
      String field = "events[" + i + "].data";
      datas.add(
          isEncrypted(e.channel())
              ? encrypt(e.channel(), e.data(), field)
              : Validate.data(field, encode(e.data()), config.maxEventDataBytes));
    }
    byte[] body =
        Json.write(
            128 * events.size(),
            g -> {
              g.writeStartObject();
              g.writeArrayFieldStart("batch");
              for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                g.writeStartObject();
                g.writeStringField("channel", e.channel());
                g.writeStringField("name", e.name());
                g.writeStringField("data", datas.get(i));
                if (e.excludeSocketId().isPresent()) {
                  g.writeStringField("socket_id", e.excludeSocketId().get());
                }
                if (!e.info().isEmpty()) {
                  g.writeStringField("info", Json.infoParam(e.info()));
                }
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            });
    return post(
        CallKind.BATCH,
        "/batch_events",
        body,
        json -> {
          List<ChannelAttributes> attrs = new ArrayList<>();
          JsonNode batch = json.get("batch");
          if (batch != null && batch.isArray()) {
            batch.forEach(n -> attrs.add(Json.attributes(n)));
          }
          return new BatchResult(attrs);
        });
  }

  ApiCall<Void> sendToUserCall(String userId, String event, Object data) {
    Validate.userId("userId", userId, Validate.MAX_USER_ID_LENGTH);
    Validate.eventName("event", event);
    String encoded = Validate.data("data", encode(data), config.maxEventDataBytes);
    byte[] body =
        Json.triggerBody(List.of(SERVER_TO_USER_PREFIX + userId), event, encoded, null, Set.of());
    return post(CallKind.SEND_TO_USER, "/events", body, json -> null);
  }

  ApiCall<Void> terminateCall(String userId) {
    Validate.userId("userId", userId, Validate.MAX_USER_ID_LENGTH);
    return post(
        CallKind.TERMINATE,
        "/users/" + userId + "/terminate_connections",
        "{}".getBytes(StandardCharsets.UTF_8),
        json -> null);
  }

  ApiCall<ChannelsResult> channelsCall(ChannelsQuery query) {
    Objects.requireNonNull(query, "query");
    Map<String, String> params = new HashMap<>(query.extraParams());
    query.prefix().ifPresent(p -> params.put("filter_by_prefix", validPrefix(p)));
    if (query.withUserCount()) {
      params.put("info", ChannelAttribute.USER_COUNT.wireName());
    }
    return get(
        CallKind.CHANNELS,
        "/channels",
        params,
        json -> {
          Map<String, ChannelAttributes> channels = new LinkedHashMap<>();
          JsonNode node = json.get("channels");
          if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
              channels.put(e.getKey(), Json.attributes(e.getValue()));
            }
          }
          return new ChannelsResult(channels);
        });
  }

  ApiCall<ChannelInfo> channelCall(String channel, ChannelAttribute... info) {
    Validate.channel("channel", channel);
    Set<ChannelAttribute> attrs = EnumSet.noneOf(ChannelAttribute.class);
    for (ChannelAttribute a : info) {
      attrs.add(Objects.requireNonNull(a, "info"));
    }
    if (attrs.contains(ChannelAttribute.USER_COUNT) && !channel.startsWith("presence-")) {
      throw new ValidationException(
          "info user_count is only available on presence- channels, but the channel is " + channel);
    }
    Map<String, String> params = attrs.isEmpty() ? Map.of() : Map.of("info", Json.infoParam(attrs));
    return get(
        CallKind.CHANNEL,
        "/channels/" + channel,
        params,
        json -> {
          JsonNode cache = json.get("cache");
          Optional<ChannelInfo.CachedEvent> cached = Optional.empty();
          if (cache != null && cache.isObject() && cache.hasNonNull("data")) {
            cached =
                Optional.of(
                    new ChannelInfo.CachedEvent(
                        cache.get("data").asText(),
                        Duration.ofSeconds(cache.path("ttl").asLong(0))));
          }
          return new ChannelInfo(
              json.path("occupied").asBoolean(false),
              Json.optionalInt(json.get("user_count")),
              Json.optionalInt(json.get("subscription_count")),
              cached);
        });
  }

  ApiCall<List<PresenceUser>> usersCall(String presenceChannel) {
    Validate.channel("presenceChannel", presenceChannel);
    if (!presenceChannel.startsWith("presence-")) {
      throw new ValidationException(
          "presenceChannel must start with presence-, but is " + presenceChannel);
    }
    return get(
        CallKind.USERS,
        "/channels/" + presenceChannel + "/users",
        Map.of(),
        json -> {
          List<PresenceUser> users = new ArrayList<>();
          JsonNode node = json.get("users");
          if (node != null && node.isArray()) {
            for (JsonNode u : node) {
              JsonNode id = u.get("id");
              if (id != null && !id.isNull()) {
                users.add(new PresenceUser(id.asText()));
              }
            }
          }
          return List.copyOf(users);
        });
  }

  ApiCall<NotifyResult> notifyCall(List<String> interests, PushNotification notification) {
    if (config.pushNotificationHost == null) {
      throw new ValidationException(
          "pushNotificationHost is not configured; set it on the builder to use notify");
    }
    Objects.requireNonNull(interests, "interests");
    Objects.requireNonNull(notification, "notification");
    if (interests.isEmpty() || interests.size() > MAX_INTERESTS) {
      throw new ValidationException(
          "interests must hold 1 to " + MAX_INTERESTS + " interests, but has " + interests.size());
    }
    for (int i = 0; i < interests.size(); i++) {
      String interest = interests.get(i);
      if (interest == null || interest.isEmpty()) {
        throw new ValidationException("interests[" + i + "] must not be empty");
      }
    }
    Map<String, String> payloads = new LinkedHashMap<>();
    notification.apns().ifPresent(p -> payloads.put("apns", rawJson("apns", p)));
    notification.gcm().ifPresent(p -> payloads.put("gcm", rawJson("gcm", p)));
    notification.fcm().ifPresent(p -> payloads.put("fcm", rawJson("fcm", p)));
    byte[] body =
        Json.write(
            256,
            g -> {
              g.writeStartObject();
              g.writeArrayFieldStart("interests");
              for (String interest : interests) {
                g.writeString(interest);
              }
              g.writeEndArray();
              if (notification.webhookUrl().isPresent()) {
                g.writeStringField("webhook_url", notification.webhookUrl().get());
              }
              for (Map.Entry<String, String> e : payloads.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
              }
              g.writeEndObject();
            });
    String base =
        (config.useTls ? "https://" : "http://") + hostPort(config.pushNotificationHost, 0);
    return new ApiCall<>(
        CallKind.NOTIFY,
        base,
        "POST",
        "/server_api/v1" + appPath + "/notifications",
        Map.of(),
        body,
        json -> new NotifyResult(json.path("number_of_subscribers").asInt(0)));
  }

  // ----------------------------------------------------------------------------------- helpers

  private static TriggerResult parseTrigger(JsonNode json) {
    JsonNode channels = json.get("channels");
    if (channels == null || !channels.isObject()) {
      return new TriggerResult(Map.of());
    }
    Map<String, ChannelAttributes> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : channels.properties()) {
      map.put(e.getKey(), Json.attributes(e.getValue()));
    }
    return new TriggerResult(map);
  }

  private <T> ApiCall<T> post(
      CallKind kind, String subPath, byte[] body, ApiCall.Parser<T> parser) {
    return new ApiCall<>(kind, baseUri, "POST", appPath + subPath, Map.of(), body, parser);
  }

  private <T> ApiCall<T> get(
      CallKind kind, String subPath, Map<String, String> params, ApiCall.Parser<T> parser) {
    return new ApiCall<>(kind, baseUri, "GET", appPath + subPath, params, new byte[0], parser);
  }

  private static String validPrefix(String prefix) {
    if (prefix.isEmpty()) {
      return prefix;
    }
    return Validate.channel("prefix", prefix);
  }

  /** A one-channel list; a null channel gets the same clear error as any invalid name. */
  static List<String> single(String channel) {
    if (channel == null) {
      Validate.channel("channel", null);
    }
    return List.of(channel);
  }

  private static boolean anyEncrypted(List<String> channels) {
    for (String c : channels) {
      if (isEncrypted(c)) {
        return true;
      }
    }
    return false;
  }

  static boolean isEncrypted(String channel) {
    return channel.startsWith(ENCRYPTED_CHANNEL_PREFIX);
  }

  /** Encodes a payload: a String as is, anything else through the payload encoder. */
  String encode(Object data) {
    Objects.requireNonNull(data, "data");
    if (data instanceof String s) {
      return s;
    }
    String encoded;
    try {
      encoded = encoder.encode(data);
    } catch (RuntimeException e) {
      throw new ValidationException(
          "data of type " + data.getClass().getName() + " could not be encoded: " + e.getMessage());
    }
    if (encoded == null) {
      throw new ValidationException("the payload encoder returned null for the data");
    }
    return encoded;
  }

  private String encrypt(String channel, Object data, String field) {
    ChannelEncryption encryption = requireEncryption(channel);
    String envelope = encryption.encrypt(channel, encode(data).getBytes(StandardCharsets.UTF_8));
    return Validate.data(field + " (encrypted)", envelope, config.maxEventDataBytes);
  }

  ChannelEncryption requireEncryption(String channel) {
    return requireEncryption(config.encryption, channel);
  }

  private static ChannelEncryption requireEncryption(ChannelEncryption encryption, String channel) {
    if (encryption == null) {
      throw new ValidationException(
          "channel "
              + channel
              + " is end-to-end encrypted, but no encryption is configured: add channels4j-crypto"
              + " and set Pusher.builder().encryption(SecretBoxEncryption.withMasterKeyBase64(...))");
    }
    return encryption;
  }

  private String rawJson(String field, Object payload) {
    String text = encode(payload);
    try {
      Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException(field + " payload must be JSON text, but is not");
    }
    return text;
  }

  private static String hostPort(String host, int port) {
    return port > 0 ? host + ":" + port : host;
  }

  private static PayloadEncoder jacksonEncoder(ObjectMapper mapper) {
    return data -> {
      try {
        return mapper.writeValueAsString(data);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e.getOriginalMessage(), e);
      }
    };
  }

  private static ExecutorService defaultExecutor(int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "channels4j-async-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            factory,
            (r, e) -> {
              throw new java.util.concurrent.RejectedExecutionException(
                  queue + " requests queued and " + threads + " in flight");
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The HMAC under this client's secret, for the auth and webhook helpers. */
  Hmac hmac() {
    return hmac;
  }

  /** This client's settings. */
  Builder config() {
    return config;
  }

  Caller caller() {
    return caller;
  }

  /** Releases the transport and executor this client created; a no-op for shared ones. */
  @Override
  public void close() {
    if (ownsExecutor && executor instanceof ExecutorService service) {
      // Fail the futures of queued calls that will never run, instead of leaving them pending.
      Caller.abandon(service.shutdownNow());
    }
    if (ownsTransport) {
      transport.close();
    }
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
    private String appId;
    private String key;
    private String secret;
    private String cluster = "mt1";
    private String host;
    private int port;
    private boolean useTls = true;
    private Duration timeout = Duration.ofSeconds(5);
    private HttpTransport transport;
    private PayloadEncoder encoder;
    private int maxEventDataBytes = 10 * 1024;
    private Clock clock = Clock.systemUTC();
    private String pushNotificationHost;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RequestListener listener;
    private Executor executor;
    private int maxRequestsInFlight = 64;
    private int maxQueuedRequests = 10_000;
    private ChannelEncryption encryption;
    private final List<WebhookToken> webhookTokens = new ArrayList<>();
    private Duration webhookMaxAge;
    private HttpTransport sharedTransport;
    private Executor sharedExecutor;

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
      Objects.requireNonNull(appId, "appId");
      if (appId.isEmpty() || appId.length() > 200) {
        throw new ValidationException(
            "appId must be 1 to 200 characters long, but has " + appId.length());
      }
      for (int i = 0; i < appId.length(); i++) {
        char c = appId.charAt(i);
        if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_' && c != '.') {
          throw new ValidationException(
              "appId may contain only letters, digits and -_. but has a character at index " + i);
        }
      }
      this.appId = appId;
      return this;
    }

    /**
     * Sets the app key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder key(String key) {
      this.key = requireText("key", key);
      return this;
    }

    /**
     * Sets the app secret. It is never shown in messages, logs or {@code toString()}.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(String secret) {
      this.secret = requireText("secret", secret);
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
      requireText("cluster", cluster);
      for (int i = 0; i < cluster.length(); i++) {
        char c = cluster.charAt(i);
        if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-') {
          throw new ValidationException(
              "cluster may contain only letters, digits and - but has a character at index " + i);
        }
      }
      this.cluster = cluster;
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
      requireText("host", host);
      if (host.contains("/") || host.contains("@") || host.contains(" ") || host.contains("?")) {
        throw new ValidationException(
            "host must be a host name or host:port without scheme or path, but is " + host);
      }
      int colon = host.lastIndexOf(':');
      if (colon > 0 && host.indexOf(':') == colon) {
        port(parsePort(host.substring(colon + 1)));
        host = host.substring(0, colon);
      }
      this.host = host;
      return this;
    }

    /**
     * Sets the port; by default 443 with TLS and 80 without.
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new ValidationException("port must be 1 to 65535, but is " + port);
      }
      this.port = port;
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
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero()
          || timeout.isNegative()
          || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new ValidationException(
            "timeout must be between 1 ms and 10 minutes, but is " + timeout);
      }
      this.timeout = timeout;
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
     * Encodes non-String payloads with this function instead of Jackson.
     *
     * @param encoder the encoder
     * @return this builder
     */
    public Builder payloadEncoder(PayloadEncoder encoder) {
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      return this;
    }

    /**
     * Encodes non-String payloads with this Jackson mapper (its modules and naming strategy).
     *
     * @param mapper the mapper
     * @return this builder
     */
    public Builder jsonMapper(ObjectMapper mapper) {
      this.encoder = jacksonEncoder(Objects.requireNonNull(mapper, "mapper"));
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
      if (bytes < 1 || bytes > 10 * 1024 * 1024) {
        throw new ValidationException("maxEventDataBytes must be 1 to 10485760, but is " + bytes);
      }
      this.maxEventDataBytes = bytes;
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
     * Sets the host of the legacy push notifications API ({@link Pusher#notify}); there is no
     * default.
     *
     * @param host {@code host} or {@code host:port}
     * @return this builder
     */
    public Builder pushNotificationHost(String host) {
      requireText("pushNotificationHost", host);
      if (host.contains("/") || host.contains("@") || host.contains(" ")) {
        throw new ValidationException(
            "pushNotificationHost must be host or host:port, but is " + host);
      }
      this.pushNotificationHost = host;
      return this;
    }

    /**
     * Sets when failed requests are retried. Default {@link RetryPolicy#defaults()}.
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
      if (max < 1 || max > 1024) {
        throw new ValidationException("maxRequestsInFlight must be 1 to 1024, but is " + max);
      }
      this.maxRequestsInFlight = max;
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
      if (max < 1 || max > 1_000_000) {
        throw new ValidationException("maxQueuedRequests must be 1 to 1000000, but is " + max);
      }
      this.maxQueuedRequests = max;
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
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isZero() || maxAge.isNegative()) {
        throw new ValidationException("webhookMaxAge must be positive, but is " + maxAge);
      }
      this.webhookMaxAge = maxAge;
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
      return new Pusher(this, sharedTransport, sharedExecutor);
    }

    private static String requireText(String field, String value) {
      if (value == null || value.isBlank()) {
        throw new ValidationException(field + " must not be empty");
      }
      return value;
    }

    private static int parsePort(String text) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ValidationException("port must be a number, but is '" + text + "'");
      }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Pusher.Builder[appId=" + appId + ", key=" + key + ", host=" + host + "]";
    }
  }
}
