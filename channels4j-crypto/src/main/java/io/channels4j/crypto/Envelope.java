package io.channels4j.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;

/**
 * The JSON envelope that carries a sealed event: {@code
 * {"nonce":"<base64>","ciphertext":"<base64>"}} with padded standard base64.
 *
 * <p>Parsing accepts any JSON object with exactly one string {@code nonce} and one string {@code
 * ciphertext} member, in any order and with any whitespace; other members are ignored. Everything
 * else is rejected with an {@link IllegalArgumentException}.
 */
final class Envelope {

  private static final JsonFactory JSON = new JsonFactory();

  private final byte[] nonce;
  private final byte[] ciphertext;

  private Envelope(byte[] nonce, byte[] ciphertext) {
    this.nonce = nonce;
    this.ciphertext = ciphertext;
  }

  /** The decoded nonce, exactly {@link SecretBox#NONCE_BYTES} long. */
  byte[] nonce() {
    return nonce.clone();
  }

  /** The decoded box, {@code tag || ciphertext}, at least {@link SecretBox#TAG_BYTES} long. */
  byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** Formats the envelope JSON, members in the order {@code nonce}, {@code ciphertext}. */
  static String format(byte[] nonce, byte[] ciphertext) {
    Base64.Encoder base64 = Base64.getEncoder();
    // Standard base64 contains no character that JSON strings must escape.
    return "{\"nonce\":\""
        + base64.encodeToString(nonce)
        + "\",\"ciphertext\":\""
        + base64.encodeToString(ciphertext)
        + "\"}";
  }

  /**
   * Parses and checks an envelope.
   *
   * @throws IllegalArgumentException if {@code json} is null, not a JSON object, lacks or repeats a
   *     member, has a member that is not a string of valid base64, has a nonce that is not {@link
   *     SecretBox#NONCE_BYTES} long or a ciphertext shorter than {@link SecretBox#TAG_BYTES}
   */
  static Envelope parse(String json) {
    if (json == null) {
      throw new IllegalArgumentException("envelope must not be null");
    }
    String nonceText = null;
    String ciphertextText = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("envelope must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("nonce".equals(name)) {
          nonceText = member(name, nonceText, value, parser);
        } else if ("ciphertext".equals(name)) {
          ciphertextText = member(name, ciphertextText, value, parser);
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("envelope has content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("envelope is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("envelope could not be read as JSON");
    }
    if (nonceText == null) {
      throw new IllegalArgumentException("envelope has no \"nonce\"");
    }
    if (ciphertextText == null) {
      throw new IllegalArgumentException("envelope has no \"ciphertext\"");
    }
    byte[] nonce = decode("nonce", nonceText);
    if (nonce.length != SecretBox.NONCE_BYTES) {
      throw new IllegalArgumentException(
          "envelope \"nonce\" must decode to "
              + SecretBox.NONCE_BYTES
              + " bytes, got "
              + nonce.length);
    }
    byte[] ciphertext = decode("ciphertext", ciphertextText);
    if (ciphertext.length < SecretBox.TAG_BYTES) {
      throw new IllegalArgumentException(
          "envelope \"ciphertext\" must decode to at least "
              + SecretBox.TAG_BYTES
              + " bytes, got "
              + ciphertext.length);
    }
    return new Envelope(nonce, ciphertext);
  }

  private static String member(String name, String previous, JsonToken value, JsonParser parser)
      throws IOException {
    if (previous != null) {
      throw new IllegalArgumentException("envelope has more than one \"" + name + "\"");
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException("envelope \"" + name + "\" must be a JSON string");
    }
    return parser.getText();
  }

  private static byte[] decode(String name, String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("envelope \"" + name + "\" is not valid base64", e);
    }
  }
}
