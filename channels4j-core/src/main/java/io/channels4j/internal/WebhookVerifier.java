package io.channels4j.internal;

import static io.channels4j.webhook.InvalidWebhookException.Reason.BAD_SIGNATURE;
import static io.channels4j.webhook.InvalidWebhookException.Reason.MALFORMED_BODY;
import static io.channels4j.webhook.InvalidWebhookException.Reason.MISSING_HEADER;
import static io.channels4j.webhook.InvalidWebhookException.Reason.TOO_OLD;
import static io.channels4j.webhook.InvalidWebhookException.Reason.UNDECRYPTABLE;
import static io.channels4j.webhook.InvalidWebhookException.Reason.UNKNOWN_KEY;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.channels4j.internal.protocol.ChannelKind;
import io.channels4j.spi.ChannelEncryption;
import io.channels4j.webhook.CacheMiss;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.ClientEvent;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.MemberRemoved;
import io.channels4j.webhook.SubscriptionCount;
import io.channels4j.webhook.UnknownEvent;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookEvent;
import io.channels4j.webhook.WebhookSignature;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies webhooks: the key names a known token, the signature is the HMAC of the raw body under
 * its secret (compared in constant time), and only then is the body parsed, with Jackson's
 * streaming parser into plain values (no data binding, no tree of nodes).
 *
 * <p>Whatever the input, the only exception thrown is {@link InvalidWebhookException}.
 */
public final class WebhookVerifier {
  /** The header naming the token's key. */
  public static final String KEY_HEADER = "X-Pusher-Key";

  /** The header carrying the hex HMAC-SHA256 of the body. */
  public static final String SIGNATURE_HEADER = "X-Pusher-Signature";

  /** Refused webhooks are logged here at INFO, with the reason only. */
  private static final System.Logger LOG = System.getLogger("io.channels4j.webhook");

  /** A token's key and the HMAC under its secret. */
  public record Token(String key, Hmac hmac) {}

  private final List<Token> tokens;
  private final Clock clock;
  private final Duration maxAge;
  private final ChannelEncryption encryption;

  /**
   * Creates a verifier.
   *
   * @param tokens the accepted tokens; the app's own first
   * @param clock the clock for the freshness check
   * @param maxAge the largest accepted distance between {@code time_ms} and now, or null for none
   * @param encryption decrypts events on encrypted channels, or null when not configured
   */
  public WebhookVerifier(
      List<Token> tokens, Clock clock, Duration maxAge, ChannelEncryption encryption) {
    this.tokens = List.copyOf(tokens);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxAge = maxAge;
    this.encryption = encryption;
  }

  /**
   * Verifies a webhook from its request headers.
   *
   * @param headers the headers, looked up case-insensitively
   * @param body the raw body bytes
   * @return the webhook
   * @throws InvalidWebhookException when it is not a genuine, well-formed webhook
   */
  public Webhook verify(Map<String, List<String>> headers, byte[] body) {
    try {
      if (headers == null) {
        throw new InvalidWebhookException(MISSING_HEADER, "no headers were given");
      }
      return verifyUnlogged(header(headers, KEY_HEADER), header(headers, SIGNATURE_HEADER), body);
    } catch (InvalidWebhookException e) {
      refused(e.reason());
      throw e;
    }
  }

  /**
   * Verifies a webhook from its two header values.
   *
   * @param key the {@code X-Pusher-Key} value
   * @param signature the {@code X-Pusher-Signature} value
   * @param body the raw body bytes
   * @return the webhook
   * @throws InvalidWebhookException when it is not a genuine, well-formed webhook
   */
  public Webhook verify(String key, String signature, byte[] body) {
    try {
      return verifyUnlogged(key, signature, body);
    } catch (InvalidWebhookException e) {
      refused(e.reason());
      throw e;
    }
  }

  private Webhook verifyUnlogged(String key, String signature, byte[] body) {
    check(key, signature, body).orThrow();
    try {
      return parse(body);
    } catch (InvalidWebhookException e) {
      throw e;
    } catch (RuntimeException e) {
      // A signed body that trips anything unforeseen is still just a malformed webhook.
      throw malformed("the body could not be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * Checks only the signature of a webhook, for callers who read the body themselves.
   *
   * @param key the {@code X-Pusher-Key} value
   * @param signature the {@code X-Pusher-Signature} value
   * @param body the raw body bytes
   * @return valid, or why not
   */
  public WebhookSignature checkSignature(String key, String signature, byte[] body) {
    WebhookSignature check = check(key, signature, body);
    if (!check.isValid()) {
      refused(check.reason().orElseThrow());
    }
    return check;
  }

  private WebhookSignature check(String key, String signature, byte[] body) {
    String k = trimmed(key);
    if (k == null) {
      return missing(KEY_HEADER);
    }
    String sig = trimmed(signature);
    if (sig == null) {
      return missing(SIGNATURE_HEADER);
    }
    if (body == null) {
      return WebhookSignature.invalid(MALFORMED_BODY, "no body was given");
    }
    boolean known = false;
    boolean valid = false;
    for (Token token : tokens) {
      if (token.key().equals(k)) {
        known = true;
        valid |= token.hmac().verifyHex(body, sig);
      }
    }
    if (valid) {
      return WebhookSignature.valid();
    }
    if (!known) {
      return WebhookSignature.invalid(
          UNKNOWN_KEY,
          KEY_HEADER
              + " "
              + printable(k)
              + " names no webhook token of this client (during a key rotation, add the new"
              + " token with Pusher.Builder.webhookToken)");
    }
    return WebhookSignature.invalid(
        BAD_SIGNATURE,
        SIGNATURE_HEADER
            + " is not the HMAC-SHA256 of the body under the secret of key "
            + printable(k)
            + " (the body must be passed as the exact bytes received, "
            + body.length
            + " here)");
  }

  private static void refused(InvalidWebhookException.Reason reason) {
    // The reason only: never the key, the signature or the body.
    LOG.log(Level.INFO, "webhook refused: {0}", reason);
  }

  private static WebhookSignature missing(String header) {
    return WebhookSignature.invalid(MISSING_HEADER, "the " + header + " header is missing");
  }

  private static String trimmed(String value) {
    if (value == null) {
      return null;
    }
    // Header values rarely carry spaces: trim() returns the same string then.
    String t = value.trim();
    return t.isEmpty() ? null : t;
  }

  /**
   * Reads the signed body in one pass of the streaming parser, keeping only the fields the events
   * need (no tree, no map per event); then checks them in the order a reader of the whole document
   * would: JSON first, then {@code time_ms}, the freshness, {@code events}, each event.
   */
  private Webhook parse(byte[] body) {
    Object timeMs = null;
    List<RawEvent> events = null;
    boolean eventsNotArray = false;
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("the body must be a JSON object", null);
      }
      Fields root = new Fields();
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        if (field.equals("time_ms")) {
          root.once(0, field);
          timeMs = t.isScalarValue() ? Json.value(p) : skip(p);
        } else if (field.equals("events")) {
          root.once(1, field);
          if (t == JsonToken.START_ARRAY) {
            events = events(p);
          } else {
            eventsNotArray = true;
            p.skipChildren();
          }
        } else {
          root.other(field);
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("content after the JSON object");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidWebhookException invalid) {
        throw invalid;
      }
      throw malformed("the body is not JSON (" + e.getClass().getSimpleName() + ")", e);
    }
    if (!(timeMs instanceof Integer || timeMs instanceof Long)) {
      throw malformed("time_ms must be an integer of milliseconds", null);
    }
    Instant time = Instant.ofEpochMilli(((Number) timeMs).longValue());
    checkFreshness(time);
    if (events == null || eventsNotArray) {
      throw malformed("events must be an array", null);
    }
    List<WebhookEvent> parsed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      parsed.add(event(events.get(i), i, body));
    }
    return new Webhook(time, parsed);
  }

  private static Object skip(JsonParser p) throws IOException {
    p.skipChildren();
    return NOT_SCALAR;
  }

  /** A value that is an object or an array where a scalar belongs. */
  private static final Object NOT_SCALAR = new Object();

  /** The fields of one event as read, checked later. */
  private static final class RawEvent {
    boolean object;
    @Nullable String name;
    @Nullable Object channel;
    @Nullable Object event;
    boolean hasData;
    @Nullable String data;
    @Nullable Object socketId;
    @Nullable Object userId;
    @Nullable Object subscriptionCount;
  }

  /** Refuses a key that appears twice in one object, as a strict reader does. */
  private static final class Fields {
    private int seen;
    private @Nullable Set<String> others;

    void once(int bit, String field) throws IOException {
      if ((seen & (1 << bit)) != 0) {
        throw new IOException("duplicate field " + field);
      }
      seen |= 1 << bit;
    }

    void other(String field) throws IOException {
      if (others == null) {
        others = new HashSet<>();
      }
      if (!others.add(field)) {
        throw new IOException("duplicate field " + field);
      }
    }
  }

  private static List<RawEvent> events(JsonParser p) throws IOException {
    List<RawEvent> events = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      RawEvent e = new RawEvent();
      events.add(e);
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      e.object = true;
      Fields fields = new Fields();
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (field) {
          case "name" -> {
            fields.once(0, field);
            e.name = v == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
          }
          case "channel" -> {
            fields.once(1, field);
            e.channel = v.isScalarValue() ? Json.value(p) : skip(p);
          }
          case "event" -> {
            fields.once(2, field);
            e.event = v.isScalarValue() ? Json.value(p) : skip(p);
          }
          case "data" -> {
            fields.once(3, field);
            e.hasData = true;
            // Pusher sends a string; soketi passes through whatever JSON the client sent.
            e.data = v == JsonToken.VALUE_STRING ? p.getText() : text(Json.value(p));
          }
          case "socket_id" -> {
            fields.once(4, field);
            e.socketId = v.isScalarValue() ? Json.value(p) : skip(p);
          }
          case "user_id" -> {
            fields.once(5, field);
            e.userId = v.isScalarValue() ? Json.value(p) : skip(p);
          }
          case "subscription_count" -> {
            fields.once(6, field);
            e.subscriptionCount = v.isScalarValue() ? Json.value(p) : skip(p);
          }
          default -> {
            fields.other(field);
            p.skipChildren();
          }
        }
      }
    }
    return events;
  }

  private void checkFreshness(Instant time) {
    if (maxAge == null) {
      return;
    }
    Instant now = clock.instant();
    Duration age;
    try {
      age = Duration.between(time, now);
    } catch (ArithmeticException e) {
      throw new InvalidWebhookException(TOO_OLD, "time_ms is out of range", null);
    }
    if (age.abs().compareTo(maxAge) > 0) {
      throw new InvalidWebhookException(
          TOO_OLD,
          "time_ms is "
              + time
              + ", "
              + (age.isNegative() ? "in the future by " + age.negated() : age + " old")
              + " by this client's clock, beyond the allowed "
              + maxAge);
    }
  }

  private WebhookEvent event(RawEvent e, int index, byte[] body) {
    if (!e.object) {
      throw malformed(field(index) + " must be a JSON object", null);
    }
    if (e.name == null) {
      throw malformed(field(index) + ".name must be a string", null);
    }
    switch (e.name) {
      case ChannelOccupied.NAME:
        return new ChannelOccupied(channel(e, index));
      case ChannelVacated.NAME:
        return new ChannelVacated(channel(e, index));
      case CacheMiss.NAME:
        return new CacheMiss(channel(e, index));
      case MemberAdded.NAME:
        return new MemberAdded(channel(e, index), userId(e, index, true).orElseThrow());
      case MemberRemoved.NAME:
        return new MemberRemoved(channel(e, index), userId(e, index, true).orElseThrow());
      case SubscriptionCount.NAME:
        {
          if (!(e.subscriptionCount instanceof Integer count)) {
            throw malformed(field(index) + ".subscription_count must be an integer", null);
          }
          return new SubscriptionCount(channel(e, index), count);
        }
      case ClientEvent.NAME:
        return clientEvent(e, index);
      default:
        return new UnknownEvent(
            e.name, e.channel instanceof String channel ? channel : "", rawText(index, body));
    }
  }

  private ClientEvent clientEvent(RawEvent e, int index) {
    String channel = channel(e, index);
    if (!(e.event instanceof String event)) {
      throw malformed(field(index) + ".event must be a string", null);
    }
    if (e.socketId != null && !(e.socketId instanceof String)) {
      throw malformed(field(index) + ".socket_id must be a string", null);
    }
    String data = e.hasData ? e.data : "null";
    if (e.hasData && ChannelKind.PRIVATE_ENCRYPTED.matches(channel)) {
      data = decrypt(channel, data, field(index));
    }
    return new ClientEvent(
        channel, event, data, Optional.ofNullable((String) e.socketId), userId(e, index, false));
  }

  /**
   * The event's JSON as compact text, for an event kind this version does not know: the body is
   * read again (a rare path), so that the common one keeps no text it does not need.
   */
  private static String rawText(int index, byte[] body) {
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      p.nextToken();
      while (!"events".equals(p.nextFieldName())) {
        p.nextToken();
        p.skipChildren();
      }
      p.nextToken();
      for (int i = 0; i < index; i++) {
        p.nextToken();
        p.skipChildren();
      }
      p.nextToken();
      return text(Json.value(p));
    } catch (IOException ex) {
      throw new IllegalStateException("an event read once reads again", ex);
    }
  }

  private static String field(int index) {
    return "events[" + index + "]";
  }

  /** A parsed value written back as compact JSON text. */
  private static String text(Object value) {
    try {
      return Json.writePlain(value, false);
    } catch (Json.Unsupported impossible) {
      throw new IllegalStateException("a parsed JSON value is always plain", impossible);
    }
  }

  private String decrypt(String channel, String envelope, String field) {
    if (encryption == null) {
      throw new InvalidWebhookException(
          UNDECRYPTABLE,
          field
              + " on "
              + channel
              + " carries encrypted data, but no encryption is configured: set"
              + " Pusher.builder().encryption(...) with the app's master key");
    }
    try {
      return new String(encryption.decrypt(channel, envelope), StandardCharsets.UTF_8);
    } catch (RuntimeException ex) {
      throw new InvalidWebhookException(
          UNDECRYPTABLE,
          field + ".data on " + channel + " does not decrypt (wrong master key, or tampered data)",
          ex);
    }
  }

  private static String channel(RawEvent e, int index) {
    if (!(e.channel instanceof String channel)) {
      throw malformed(field(index) + ".channel must be a string", null);
    }
    return channel;
  }

  /** A user id is a string, but a server may pass on a number from a presence channel_data. */
  private static Optional<String> userId(RawEvent e, int index, boolean required) {
    Object id = e.userId;
    if (id == null) {
      if (required) {
        throw malformed(field(index) + ".user_id must be a string", null);
      }
      return Optional.empty();
    }
    if (id instanceof String s) {
      return Optional.of(s);
    }
    if (id instanceof Integer || id instanceof Long || id instanceof BigInteger) {
      return Optional.of(id.toString());
    }
    throw malformed(field(index) + ".user_id must be a string", null);
  }

  private static InvalidWebhookException malformed(String message, Throwable cause) {
    return new InvalidWebhookException(MALFORMED_BODY, message, cause);
  }

  /** Finds a header by name in any case; several different values are refused, not guessed. */
  private static String header(Map<String, List<String>> headers, String name) {
    String found = null;
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      String key = entry.getKey();
      List<String> values = entry.getValue();
      if (key == null || values == null || !key.trim().equalsIgnoreCase(name)) {
        continue;
      }
      for (String value : values) {
        if (value == null || value.isBlank()) {
          continue;
        }
        String v = value.trim();
        if (found != null && !found.equals(v)) {
          throw new InvalidWebhookException(
              MISSING_HEADER, "the " + name + " header must have one value, but has several");
        }
        found = v;
      }
    }
    return found;
  }

  /** Echoes a header value safely: printable ASCII only, and short. */
  private static String printable(String value) {
    StringBuilder sb = new StringBuilder("'");
    int shown = Math.min(value.length(), 40);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (value.length() > shown) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
