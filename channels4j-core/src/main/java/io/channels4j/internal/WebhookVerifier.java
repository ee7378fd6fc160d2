package io.channels4j.internal;

import static io.channels4j.webhook.InvalidWebhookException.Reason.BAD_SIGNATURE;
import static io.channels4j.webhook.InvalidWebhookException.Reason.MALFORMED_BODY;
import static io.channels4j.webhook.InvalidWebhookException.Reason.MISSING_HEADER;
import static io.channels4j.webhook.InvalidWebhookException.Reason.TOO_OLD;
import static io.channels4j.webhook.InvalidWebhookException.Reason.UNDECRYPTABLE;
import static io.channels4j.webhook.InvalidWebhookException.Reason.UNKNOWN_KEY;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.io.IOException;
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
 * its secret (compared in constant time), and only then is the body parsed.
 *
 * <p>Whatever the input, the only exception thrown is {@link InvalidWebhookException}.
 */
public final class WebhookVerifier {
  /** The header naming the token's key. */
  public static final String KEY_HEADER = "X-Pusher-Key";

  /** The header carrying the hex HMAC-SHA256 of the body. */
  public static final String SIGNATURE_HEADER = "X-Pusher-Signature";

  // Signed input is trusted only as far as its JSON is well-formed: no trailing bytes, no key
  // twice.
  private static final ObjectReader READER =
      Json.MAPPER
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

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
    if (headers == null) {
      throw new InvalidWebhookException(MISSING_HEADER, "no headers were given");
    }
    return verify(header(headers, KEY_HEADER), header(headers, SIGNATURE_HEADER), body);
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
    key = required(KEY_HEADER, key);
    signature = required(SIGNATURE_HEADER, signature);
    if (body == null) {
      throw new InvalidWebhookException(MALFORMED_BODY, "no body was given");
    }
    boolean known = false;
    boolean valid = false;
    for (Token token : tokens) {
      if (token.key().equals(key)) {
        known = true;
        valid |= token.hmac().verifyHex(body, signature);
      }
    }
    if (!known) {
      throw new InvalidWebhookException(
          UNKNOWN_KEY,
          KEY_HEADER
              + " "
              + printable(key)
              + " names no webhook token of this client (during a key rotation, add the new"
              + " token with Pusher.Builder.webhookToken)");
    }
    if (!valid) {
      throw new InvalidWebhookException(
          BAD_SIGNATURE,
          SIGNATURE_HEADER
              + " is not the HMAC-SHA256 of the body under the secret of key "
              + printable(key)
              + " (the body must be passed as the exact bytes received, "
              + body.length
              + " here)");
    }
    try {
      return parse(body);
    } catch (InvalidWebhookException e) {
      throw e;
    } catch (RuntimeException e) {
      // A signed body that trips anything unforeseen is still just a malformed webhook.
      throw malformed("the body could not be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private Webhook parse(byte[] body) {
    JsonNode root;
    try {
      root = READER.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw malformed("the body is not JSON (" + e.getClass().getSimpleName() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw malformed("the body must be a JSON object", null);
    }
    JsonNode timeMs = root.get("time_ms");
    if (timeMs == null || !timeMs.isIntegralNumber() || !timeMs.canConvertToLong()) {
      throw malformed("time_ms must be an integer of milliseconds", null);
    }
    Instant time = Instant.ofEpochMilli(timeMs.longValue());
    checkFreshness(time);
    JsonNode events = root.get("events");
    if (events == null || !events.isArray()) {
      throw malformed("events must be an array", null);
    }
    List<WebhookEvent> parsed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      parsed.add(event(events.get(i), "events[" + i + "]"));
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

  private WebhookEvent event(JsonNode e, String field) {
    if (e == null || !e.isObject()) {
      throw malformed(field + " must be a JSON object", null);
    }
    JsonNode nameNode = e.get("name");
    if (nameNode == null || !nameNode.isTextual()) {
      throw malformed(field + ".name must be a string", null);
    }
    String name = nameNode.textValue();
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
          JsonNode count = e.get("subscription_count");
          if (count == null || !count.isIntegralNumber() || !count.canConvertToInt()) {
            throw malformed(field + ".subscription_count must be an integer", null);
          }
          return new SubscriptionCount(channel(e, field), count.intValue());
        }
      case ClientEvent.NAME:
        return clientEvent(e, field);
      default:
        JsonNode channel = e.get("channel");
        return new UnknownEvent(
            name, channel != null && channel.isTextual() ? channel.textValue() : "", e.toString());
    }
  }

  private ClientEvent clientEvent(JsonNode e, String field) {
    String channel = channel(e, field);
    JsonNode event = e.get("event");
    if (event == null || !event.isTextual()) {
      throw malformed(field + ".event must be a string", null);
    }
    JsonNode dataNode = e.get("data");
    // Pusher sends a string; soketi passes through whatever JSON the client sent.
    String data =
        dataNode == null
            ? "null"
            : dataNode.isTextual() ? dataNode.textValue() : dataNode.toString();
    JsonNode socketId = e.get("socket_id");
    if (socketId != null && !socketId.isNull() && !socketId.isTextual()) {
      throw malformed(field + ".socket_id must be a string", null);
    }
    if (dataNode != null && ChannelKind.PRIVATE_ENCRYPTED.matches(channel)) {
      data = decrypt(channel, data, field);
    }
    return new ClientEvent(
        channel,
        event.textValue(),
        data,
        socketId == null || socketId.isNull()
            ? Optional.empty()
            : Optional.of(socketId.textValue()),
        userId(e, field, false));
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

  private static String channel(JsonNode e, String field) {
    JsonNode channel = e.get("channel");
    if (channel == null || !channel.isTextual()) {
      throw malformed(field + ".channel must be a string", null);
    }
    return channel.textValue();
  }

  /** A user id is a string, but a server may pass on a number from a presence channel_data. */
  private static Optional<String> userId(JsonNode e, String field, boolean required) {
    JsonNode id = e.get("user_id");
    if (id == null || id.isNull()) {
      if (required) {
        throw malformed(field + ".user_id must be a string", null);
      }
      return Optional.empty();
    }
    if (id.isTextual()) {
      return Optional.of(id.textValue());
    }
    if (id.isIntegralNumber()) {
      return Optional.of(id.asText());
    }
    throw malformed(field + ".user_id must be a string", null);
  }

  private static InvalidWebhookException malformed(String message, Throwable cause) {
    return new InvalidWebhookException(MALFORMED_BODY, message, cause);
  }

  private static String required(String header, String value) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty()) {
      throw new InvalidWebhookException(MISSING_HEADER, "the " + header + " header is missing");
    }
    return trimmed;
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
