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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  /** Reads the signed body: the events are read as values, then checked one by one. */
  private Webhook parse(byte[] body) {
    Object timeMs = null;
    Object events = null;
    try (JsonParser p = Json.STRICT.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("the body must be a JSON object", null);
      }
      String field;
      while ((field = p.nextFieldName()) != null) {
        p.nextToken();
        switch (field) {
          case "time_ms" -> timeMs = Json.value(p);
          case "events" -> events = Json.value(p);
          default -> p.skipChildren();
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
    if (!(events instanceof List<?> list)) {
      throw malformed("events must be an array", null);
    }
    List<WebhookEvent> parsed = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      parsed.add(event(list.get(i), "events[" + i + "]"));
    }
    return new Webhook(time, parsed);
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

  private WebhookEvent event(Object value, String field) {
    if (!(value instanceof Map<?, ?> e)) {
      throw malformed(field + " must be a JSON object", null);
    }
    if (!(e.get("name") instanceof String name)) {
      throw malformed(field + ".name must be a string", null);
    }
    switch (name) {
      case ChannelOccupied.NAME:
        return new ChannelOccupied(channel(e, field));
      case ChannelVacated.NAME:
        return new ChannelVacated(channel(e, field));
      case CacheMiss.NAME:
        return new CacheMiss(channel(e, field));
      case MemberAdded.NAME:
        return new MemberAdded(channel(e, field), userId(e, field, true).orElseThrow());
      case MemberRemoved.NAME:
        return new MemberRemoved(channel(e, field), userId(e, field, true).orElseThrow());
      case SubscriptionCount.NAME:
        {
          if (!(e.get("subscription_count") instanceof Integer count)) {
            throw malformed(field + ".subscription_count must be an integer", null);
          }
          return new SubscriptionCount(channel(e, field), count);
        }
      case ClientEvent.NAME:
        return clientEvent(e, field);
      default:
        return new UnknownEvent(
            name, e.get("channel") instanceof String channel ? channel : "", text(e));
    }
  }

  private ClientEvent clientEvent(Map<?, ?> e, String field) {
    String channel = channel(e, field);
    if (!(e.get("event") instanceof String event)) {
      throw malformed(field + ".event must be a string", null);
    }
    boolean hasData = e.containsKey("data");
    Object dataValue = e.get("data");
    // Pusher sends a string; soketi passes through whatever JSON the client sent.
    String data = dataValue instanceof String s ? s : text(dataValue);
    Object socketId = e.get("socket_id");
    if (socketId != null && !(socketId instanceof String)) {
      throw malformed(field + ".socket_id must be a string", null);
    }
    if (hasData && ChannelKind.PRIVATE_ENCRYPTED.matches(channel)) {
      data = decrypt(channel, data, field);
    }
    return new ClientEvent(
        channel, event, data, Optional.ofNullable((String) socketId), userId(e, field, false));
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

  private static String channel(Map<?, ?> e, String field) {
    if (!(e.get("channel") instanceof String channel)) {
      throw malformed(field + ".channel must be a string", null);
    }
    return channel;
  }

  /** A user id is a string, but a server may pass on a number from a presence channel_data. */
  private static Optional<String> userId(Map<?, ?> e, String field, boolean required) {
    Object id = e.get("user_id");
    if (id == null) {
      if (required) {
        throw malformed(field + ".user_id must be a string", null);
      }
      return Optional.empty();
    }
    if (id instanceof String s) {
      return Optional.of(s);
    }
    if (id instanceof Integer || id instanceof Long || id instanceof BigInteger) {
      return Optional.of(id.toString());
    }
    throw malformed(field + ".user_id must be a string", null);
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
