package io.channels4j.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one secret. A {@link Mac} is costly to create and key, and not thread-safe, so
 * keyed ones are kept in a small {@link Pool} shared by all threads (a per-thread cache would never
 * hit on virtual threads); a new one is a clone of a keyed prototype, which skips the provider
 * look-up and the key schedule.
 */
public final class Hmac {
  private static final HexFormat HEX = HexFormat.of();

  /** Looking MD5 up costs more than hashing a small body, so digests are pooled too. */
  private static final Pool<MessageDigest> MD5 =
      new Pool<>(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("MD5 is not available", e);
            }
          });

  private final SecretKeySpec key;
  private final Mac prototype;
  private final Pool<Mac> macs;

  /**
   * Keys an HMAC with a secret's UTF-8 bytes.
   *
   * @param secret the secret
   */
  public Hmac(String secret) {
    key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    try {
      prototype = Mac.getInstance("HmacSHA256");
      prototype.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    macs = new Pool<>(this::newMac);
  }

  private Mac newMac() {
    try {
      synchronized (prototype) { // clone() reads the prototype's state; nothing else touches it
        return (Mac) prototype.clone();
      }
    } catch (CloneNotSupportedException e) {
      // A provider whose Mac cannot be cloned: key a new one (costlier, still correct).
      try {
        Mac mac = Mac.getInstance(prototype.getAlgorithm(), prototype.getProvider());
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException ex) {
        throw new IllegalStateException("HmacSHA256 is not available", ex);
      }
    }
  }

  /**
   * Signs bytes.
   *
   * @param message the message
   * @return the raw 32-byte MAC
   */
  public byte[] mac(byte[] message) {
    Mac mac = macs.take();
    byte[] result = mac.doFinal(message); // doFinal resets the Mac for its next use
    macs.give(mac);
    return result;
  }

  /**
   * Signs part of an array, such as a reused buffer.
   *
   * @param message the array
   * @param offset where the message starts
   * @param length its length
   * @return the raw 32-byte MAC
   */
  public byte[] mac(byte[] message, int offset, int length) {
    Mac mac = macs.take();
    mac.update(message, offset, length);
    byte[] result = mac.doFinal();
    macs.give(mac);
    return result;
  }

  /**
   * Signs text.
   *
   * @param message the message, encoded as UTF-8
   * @return the MAC as 64 lowercase hex characters
   */
  public String hex(String message) {
    return HEX.formatHex(mac(message.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Checks a hex MAC in constant time, accepting either hex case.
   *
   * @param message the signed bytes
   * @param hexSignature the claimed MAC
   * @return true when it matches
   */
  public boolean verifyHex(byte[] message, String hexSignature) {
    byte[] claimed = Hex.decodeOrNull(hexSignature);
    return claimed != null && MessageDigest.isEqual(mac(message), claimed);
  }

  /**
   * MD5 of bytes in lowercase hex, as the protocol's {@code body_md5} wants.
   *
   * @param bytes the body
   * @return 32 lowercase hex characters
   */
  public static String md5Hex(byte[] bytes) {
    MessageDigest md5 = MD5.take();
    byte[] digest = md5.digest(bytes); // digest() resets the instance for its next use
    MD5.give(md5);
    return HEX.formatHex(digest);
  }
}
