package io.channels4j.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers the Pusher HTTP API: routes, signature check, the service's limits, then the endpoint.
 * Each request is recorded before its answer is sent, so a caller that got an answer always finds
 * its request recorded.
 */
final class ApiHandler implements HttpHandler {
  static final int MAX_CHANNEL_NAME_LENGTH = 200;
  static final int MAX_CHANNELS_PER_TRIGGER = 100;
  static final int MAX_EVENT_NAME_LENGTH = 200;
  static final int MAX_BATCH_EVENTS = 10;
  static final int MAX_INTERESTS = 10;
  static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> TRIGGER_INFO = Set.of("user_count", "subscription_count");
  private static final Set<String> CHANNEL_INFO =
      Set.of("user_count", "subscription_count", "cache");

  private final String appId;
  private final SignatureCheck signatures;
  private final ServerState state;
  private final Clock clock;
  private final int maxDataBytes;
  private final Recorders recorders;
  private final Consumer<RecordedRequest> listener;

  /** Everything the handler records into. */
  record Recorders(
      Recorder<RecordedRequest> requests,
      Recorder<RecordedTrigger> triggers,
      Recorder<String> terminatedUsers,
      Recorder<RecordedNotification> notifications) {}

  ApiHandler(
      String appId,
      SignatureCheck signatures,
      ServerState state,
      Clock clock,
      int maxDataBytes,
      Recorders recorders,
      Consumer<RecordedRequest> listener) {
    this.appId = appId;
    this.signatures = signatures;
    this.state = state;
    this.clock = clock;
    this.maxDataBytes = maxDataBytes;
    this.recorders = recorders;
    this.listener = listener;
  }

  /** A refusal with the status and message the service would send. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** An answer: status, content type, body, extra headers. */
  private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Reply json(JsonNode node) {
      try {
        return new Reply(200, "application/json", MAPPER.writeValueAsBytes(node), Map.of());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Reply text(int status, String message, Map<String, String> headers) {
      return new Reply(
          status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8), headers);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Instant at = clock.instant();
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getRawPath();
      byte[] body = readBody(exchange.getRequestBody());
      Map<String, String> query;
      Reply reply;
      try {
        query = SignatureCheck.decodeQuery(exchange.getRequestURI().getRawQuery());
      } catch (IllegalArgumentException e) {
        query = Map.of();
        reply = Reply.text(400, "Malformed query string: " + e.getMessage(), Map.of());
        record(exchange, method, rawPath, query, body, at, reply);
        respond(exchange, reply);
        return;
      }
      Fault fault = state.nextFault();
      if (fault instanceof Fault.DropConnection) {
        record(exchange, method, rawPath, query, body, at, null);
        return; // closing the exchange before any answer closes the connection
      }
      if (fault instanceof Fault.Delay d) {
        sleep(d.delay());
      }
      if (body == null) {
        reply = Reply.text(413, "The payload size is too big.", Map.of());
      } else if (fault instanceof Fault.Status s) {
        reply = Reply.text(s.status(), s.body(), s.headers());
      } else {
        reply = route(method, rawPath, exchange.getRequestURI().getPath(), query, body);
      }
      record(exchange, method, rawPath, query, body, at, reply);
      respond(exchange, reply);
    } finally {
      exchange.close();
    }
  }

  private void record(
      HttpExchange exchange,
      String method,
      String rawPath,
      Map<String, String> query,
      byte[] body,
      Instant at,
      Reply reply) {
    RecordedRequest request =
        new RecordedRequest(
            method,
            rawPath,
            query,
            exchange.getRequestHeaders(),
            body == null ? new byte[0] : body,
            reply == null ? OptionalInt.empty() : OptionalInt.of(reply.status()),
            at);
    recorders.requests().add(request);
    if (listener != null) {
      try {
        listener.accept(request);
      } catch (RuntimeException ignored) {
        // an observer must not break the server
      }
    }
  }

  private static void respond(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(
        reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
    if (reply.body().length > 0) {
      exchange.getResponseBody().write(reply.body());
    }
  }

  /** Reads the body, or returns null when it is larger than any request the service accepts. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    return body.length > MAX_REQUEST_BYTES ? null : body;
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------------------------ routing

  private interface Endpoint {
    Reply run(Map<String, String> query, byte[] body);
  }

  private Reply route(
      String method, String rawPath, String path, Map<String, String> query, byte[] body) {
    List<String> parts;
    boolean push = path.startsWith("/server_api/v1/apps/");
    if (push) {
      parts = List.of(path.substring("/server_api/v1/apps/".length()).split("/", -1));
    } else if (path.startsWith("/apps/")) {
      parts = List.of(path.substring("/apps/".length()).split("/", -1));
    } else {
      return Reply.text(404, "Not found: " + path, Map.of());
    }
    if (!parts.get(0).equals(appId)) {
      return Reply.text(404, "The app " + parts.get(0) + " could not be found.", Map.of());
    }
    String expectedMethod;
    Endpoint endpoint;
    int n = parts.size();
    if (push && n == 2 && parts.get(1).equals("notifications")) {
      expectedMethod = "POST";
      endpoint = (q, b) -> notifications(b);
    } else if (push) {
      return Reply.text(404, "Not found: " + path, Map.of());
    } else if (n == 2 && parts.get(1).equals("events")) {
      expectedMethod = "POST";
      endpoint = (q, b) -> trigger(b);
    } else if (n == 2 && parts.get(1).equals("batch_events")) {
      expectedMethod = "POST";
      endpoint = (q, b) -> batch(b);
    } else if (n == 2 && parts.get(1).equals("channels")) {
      expectedMethod = "GET";
      endpoint = (q, b) -> channels(q);
    } else if (n == 3 && parts.get(1).equals("channels")) {
      expectedMethod = "GET";
      endpoint = (q, b) -> channel(parts.get(2), q);
    } else if (n == 4 && parts.get(1).equals("channels") && parts.get(3).equals("users")) {
      expectedMethod = "GET";
      endpoint = (q, b) -> users(parts.get(2));
    } else if (n == 4
        && parts.get(1).equals("users")
        && parts.get(3).equals("terminate_connections")) {
      expectedMethod = "POST";
      endpoint = (q, b) -> terminate(parts.get(2));
    } else {
      return Reply.text(404, "Not found: " + path, Map.of());
    }
    if (!expectedMethod.equals(method)) {
      return Reply.text(405, "Method not allowed: use " + expectedMethod, Map.of());
    }
    String problem = signatures.verify(method, rawPath, query, body);
    if (problem != null) {
      return Reply.text(401, problem, Map.of());
    }
    try {
      return endpoint.run(query, body);
    } catch (Refusal r) {
      return Reply.text(r.status, r.getMessage(), Map.of());
    }
  }

  // ---------------------------------------------------------------------------------- endpoints

  private Reply trigger(byte[] body) {
    JsonNode json = parseObject(body);
    List<String> channels = new ArrayList<>();
    JsonNode list = json.get("channels");
    JsonNode single = json.get("channel");
    if (list != null && list.isArray()) {
      list.forEach(c -> channels.add(textOf(c, "channels[]")));
    } else if (single != null && single.isTextual()) {
      channels.add(single.asText());
    } else {
      throw incorrect("channels (an array) or channel (a string) is required");
    }
    if (channels.isEmpty()) {
      throw incorrect("channels must name at least one channel");
    }
    if (channels.size() > MAX_CHANNELS_PER_TRIGGER) {
      throw new Refusal(
          400,
          "Too many channels: "
              + channels.size()
              + " given, at most "
              + MAX_CHANNELS_PER_TRIGGER
              + " per event");
    }
    channels.forEach(c -> checkChannel(c, true));
    RecordedTrigger event = event(json, channels, false);
    checkData(event.data(), "data");
    cacheIfCacheChannel(event);
    recorders.triggers().add(event);
    ObjectNode answer = MAPPER.createObjectNode();
    if (!event.info().isEmpty()) {
      ObjectNode attrs = answer.putObject("channels");
      for (String c : channels) {
        attrs.set(c, attributes(c, event.info()));
      }
    }
    return Reply.json(answer);
  }

  private Reply batch(byte[] body) {
    JsonNode json = parseObject(body);
    JsonNode batch = json.get("batch");
    if (batch == null || !batch.isArray() || batch.isEmpty()) {
      throw incorrect("batch must be a non-empty array of events");
    }
    if (batch.size() > MAX_BATCH_EVENTS) {
      throw new Refusal(
          400, "Cannot batch-send more than " + MAX_BATCH_EVENTS + " messages at once");
    }
    List<RecordedTrigger> events = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode e = batch.get(i);
      String where = "batch[" + i + "]";
      if (!e.isObject()) {
        throw incorrect(where + " must be an object");
      }
      JsonNode channel = e.get("channel");
      if (channel == null || !channel.isTextual()) {
        throw incorrect(where + ".channel (a string) is required");
      }
      checkChannel(channel.asText(), false);
      RecordedTrigger event;
      try {
        event = event(e, List.of(channel.asText()), true);
      } catch (Refusal r) {
        throw new Refusal(r.status, where + ": " + r.getMessage());
      }
      checkData(event.data(), where + ".data");
      events.add(event);
    }
    boolean anyInfo = false;
    ArrayNode attrs = MAPPER.createArrayNode();
    for (RecordedTrigger e : events) {
      cacheIfCacheChannel(e);
      recorders.triggers().add(e);
      anyInfo |= !e.info().isEmpty();
      attrs.add(attributes(e.channel(), e.info()));
    }
    ObjectNode answer = MAPPER.createObjectNode();
    if (anyInfo) {
      answer.set("batch", attrs);
    }
    return Reply.json(answer);
  }

  private Reply channels(Map<String, String> query) {
    String prefix = query.getOrDefault("filter_by_prefix", "");
    Set<String> info = info(query.get("info"), Set.of("user_count", "subscription_count"));
    if (info.contains("user_count") && !prefix.startsWith("presence-")) {
      throw new Refusal(
          400,
          "info=user_count may only be requested for presence channels:"
              + " add filter_by_prefix=presence-");
    }
    ObjectNode answer = MAPPER.createObjectNode();
    ObjectNode channels = answer.putObject("channels");
    state
        .occupied()
        .forEach(
            (name, view) -> {
              if (name.startsWith(prefix)) {
                channels.set(name, attributes(name, info));
              }
            });
    return Reply.json(answer);
  }

  private Reply channel(String name, Map<String, String> query) {
    checkChannel(name, false);
    Set<String> info = info(query.get("info"), CHANNEL_INFO);
    if (info.contains("user_count") && !name.startsWith("presence-")) {
      throw new Refusal(
          400, "Cannot retrieve the user count unless the channel is a presence channel");
    }
    ServerState.View view = state.view(name);
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("occupied", view.occupied());
    if (info.contains("user_count")) {
      answer.put("user_count", view.members().size());
    }
    if (info.contains("subscription_count")) {
      answer.put("subscription_count", view.subscriptionCount());
    }
    if (info.contains("cache")) {
      Instant now = clock.instant();
      Optional<ServerState.Cached> cached = state.cached(name, now);
      if (cached.isPresent()) {
        ObjectNode cache = answer.putObject("cache");
        cache.put("data", cached.get().data());
        long age = Duration.between(cached.get().at(), now).toSeconds();
        cache.put("ttl", Math.max(0, ServerState.CACHE_TTL.toSeconds() - age));
      } else {
        answer.putNull("cache");
      }
    }
    return Reply.json(answer);
  }

  private Reply users(String name) {
    checkChannel(name, false);
    if (!name.startsWith("presence-")) {
      throw new Refusal(
          400, "Cannot retrieve the user list unless the channel is a presence channel");
    }
    ObjectNode answer = MAPPER.createObjectNode();
    ArrayNode users = answer.putArray("users");
    state.view(name).members().forEach(id -> users.addObject().put("id", id));
    return Reply.json(answer);
  }

  private Reply terminate(String userId) {
    checkUserId(userId);
    recorders.terminatedUsers().add(userId);
    state.removeUserEverywhere(userId);
    return Reply.json(MAPPER.createObjectNode());
  }

  private Reply notifications(byte[] body) {
    JsonNode json = parseObject(body);
    JsonNode interests = json.get("interests");
    if (interests == null
        || !interests.isArray()
        || interests.isEmpty()
        || interests.size() > MAX_INTERESTS) {
      throw new Refusal(400, "Interests must contain between 1 and 10 interests");
    }
    List<String> names = new ArrayList<>();
    interests.forEach(i -> names.add(textOf(i, "interests[]")));
    if (!json.has("apns") && !json.has("gcm") && !json.has("fcm")) {
      throw new Refusal(400, "PushNotification must contain a GCM, FCM or APNS payload");
    }
    JsonNode webhook = json.get("webhook_url");
    recorders
        .notifications()
        .add(
            new RecordedNotification(
                names,
                webhook != null && webhook.isTextual()
                    ? Optional.of(webhook.asText())
                    : Optional.empty(),
                new String(body, StandardCharsets.UTF_8)));
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("number_of_subscribers", state.pushSubscribers());
    return Reply.json(answer);
  }

  // -------------------------------------------------------------------------------- validation

  private RecordedTrigger event(JsonNode json, List<String> channels, boolean batched) {
    JsonNode name = json.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()) {
      throw incorrect("name (a non-empty string) is required");
    }
    if (name.asText().length() > MAX_EVENT_NAME_LENGTH) {
      throw new Refusal(
          400,
          "Event name too long: "
              + name.asText().length()
              + " characters, at most "
              + MAX_EVENT_NAME_LENGTH);
    }
    JsonNode data = json.get("data");
    if (data == null || !data.isTextual()) {
      throw incorrect("data (a string) is required");
    }
    if (data.asText().isEmpty()) {
      throw incorrect("data must not be empty");
    }
    Optional<String> socketId = Optional.empty();
    JsonNode socket = json.get("socket_id");
    if (socket != null && !socket.isNull()) {
      if (!socket.isTextual() || !socket.asText().matches("\\d+\\.\\d+")) {
        throw new Refusal(
            400, "Invalid socket_id: " + socket + " (must be digits, a dot and digits)");
      }
      socketId = Optional.of(socket.asText());
    }
    JsonNode info = json.get("info");
    Set<String> attrs =
        info == null || info.isNull() ? Set.of() : info(textOf(info, "info"), TRIGGER_INFO);
    return new RecordedTrigger(channels, name.asText(), data.asText(), socketId, attrs, batched);
  }

  private void checkData(String data, String field) {
    long bytes = data.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxDataBytes) {
      String limit =
          maxDataBytes % 1024 == 0 ? (maxDataBytes / 1024) + " KB" : maxDataBytes + " bytes";
      throw new Refusal(
          413,
          "The event data should be less than "
              + limit
              + ": "
              + field
              + " has "
              + bytes
              + " bytes");
    }
  }

  private static void checkChannel(String channel, boolean allowServerToUser) {
    if (allowServerToUser && channel.startsWith(RecordedTrigger.SERVER_TO_USER_PREFIX)) {
      checkUserId(channel.substring(RecordedTrigger.SERVER_TO_USER_PREFIX.length()));
      return;
    }
    if (channel.isEmpty() || channel.length() > MAX_CHANNEL_NAME_LENGTH || !inCharset(channel)) {
      throw new Refusal(
          400,
          "Invalid channel name: '"
              + shorten(channel)
              + "' ("
              + channel.length()
              + " characters; channel names are 1 to "
              + MAX_CHANNEL_NAME_LENGTH
              + " characters of A-Z a-z 0-9 _ - = @ , . ;)");
    }
  }

  private static void checkUserId(String userId) {
    if (userId.isEmpty() || userId.length() > MAX_CHANNEL_NAME_LENGTH || !inCharset(userId)) {
      throw new Refusal(
          400,
          "Invalid user id: '"
              + shorten(userId)
              + "' (user ids are 1 to "
              + MAX_CHANNEL_NAME_LENGTH
              + " characters of A-Z a-z 0-9 _ - = @ , . ;)");
    }
  }

  private static Set<String> info(String csv, Set<String> allowed) {
    if (csv == null || csv.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String a : ServerState.split(csv)) {
      if (!allowed.contains(a)) {
        throw new Refusal(400, "Invalid info attribute: " + a + " (allowed: " + allowed + ")");
      }
      out.add(a);
    }
    return out;
  }

  private ObjectNode attributes(String channel, Set<String> info) {
    ObjectNode attrs = MAPPER.createObjectNode();
    ServerState.View view = state.view(channel);
    if (info.contains("user_count") && channel.startsWith("presence-")) {
      attrs.put("user_count", view.members().size());
    }
    if (info.contains("subscription_count")) {
      attrs.put("subscription_count", view.subscriptionCount());
    }
    return attrs;
  }

  private void cacheIfCacheChannel(RecordedTrigger event) {
    for (String c : event.channels()) {
      if (ServerState.isCacheChannel(c)) {
        state.cache(c, event.data(), clock.instant());
      }
    }
  }

  private static JsonNode parseObject(byte[] body) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (IOException e) {
      throw incorrect("the body is not valid JSON");
    }
    if (json == null || !json.isObject()) {
      throw incorrect("the body must be a JSON object");
    }
    return json;
  }

  private static String textOf(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw incorrect(field + " must be a string");
    }
    return node.asText();
  }

  private static Refusal incorrect(String detail) {
    return new Refusal(400, "The received data is incorrect: " + detail);
  }

  private static boolean inCharset(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_-=@,.;".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
