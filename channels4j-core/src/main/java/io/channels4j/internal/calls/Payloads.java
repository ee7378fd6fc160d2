package io.channels4j.internal.calls;

import io.channels4j.ValidationException;
import io.channels4j.internal.Json;
import io.channels4j.internal.Validate;
import io.channels4j.internal.protocol.ChannelKind;
import io.channels4j.spi.ChannelEncryption;
import io.channels4j.spi.PayloadEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the payloads callers pass into the text an event carries: a {@link String} as is, anything
 * else through the payload encoder, encrypted on {@code private-encrypted-} channels, and checked
 * against the size limit after encoding (and encryption), since that is what the server counts.
 */
public final class Payloads {
  private final PayloadEncoder encoder;
  private final @Nullable ChannelEncryption encryption;
  private final int maxEventDataBytes;

  /**
   * Creates the payload rules of one client.
   *
   * @param encoder encodes non-String payloads (see {@link io.channels4j.internal.Encoders})
   * @param encryption encrypts payloads on encrypted channels; null when not configured
   * @param maxEventDataBytes the largest event data, in UTF-8 bytes
   */
  public Payloads(
      PayloadEncoder encoder, @Nullable ChannelEncryption encryption, int maxEventDataBytes) {
    this.encoder = encoder;
    this.encryption = encryption;
    this.maxEventDataBytes = maxEventDataBytes;
  }

  /**
   * The data of an event on a channel: encrypted on an encrypted channel, and within the limit.
   *
   * @param channel the channel
   * @param data the payload
   * @param field the argument's name, for messages
   * @return the text to send as the event's {@code data}
   */
  String eventData(String channel, Object data, String field) {
    if (ChannelKind.PRIVATE_ENCRYPTED.matches(channel)) {
      String envelope =
          requireEncryption(encryption, channel)
              .encrypt(channel, encode(data).getBytes(StandardCharsets.UTF_8));
      return Validate.data(field + " (encrypted)", envelope, maxEventDataBytes);
    }
    return Validate.data(field, encode(data), maxEventDataBytes);
  }

  /**
   * A payload as JSON text that is checked to be JSON, for bodies that embed it raw.
   *
   * @param field the field's name, for the message
   * @param payload the payload
   * @return the JSON text
   */
  String rawJson(String field, Object payload) {
    String text = encode(payload);
    if (!Json.isJson(text)) {
      throw new ValidationException(field + " payload must be JSON text, but is not");
    }
    return text;
  }

  private String encode(Object data) {
    Objects.requireNonNull(data, "data");
    if (data instanceof String s) {
      return s;
    }
    String encoded;
    try {
      encoded = encoder.encode(data);
    } catch (ValidationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ValidationException(
          "data of type " + data.getClass().getName() + " could not be encoded: " + e.getMessage());
    }
    if (encoded == null) {
      throw new ValidationException("the payload encoder returned null for the data");
    }
    return encoded;
  }

  /**
   * The encryption of an encrypted channel, or a message saying how to configure one.
   *
   * @param encryption the configured encryption, or null
   * @param channel the encrypted channel
   * @return the encryption
   * @throws ValidationException when none is configured
   */
  public static ChannelEncryption requireEncryption(
      @Nullable ChannelEncryption encryption, String channel) {
    if (encryption == null) {
      throw new ValidationException(
          "channel "
              + channel
              + " is end-to-end encrypted, but no encryption is configured: add channels4j-crypto"
              + " and set Pusher.builder().encryption(SecretBoxEncryption.withMasterKeyBase64(...))");
    }
    return encryption;
  }
}
