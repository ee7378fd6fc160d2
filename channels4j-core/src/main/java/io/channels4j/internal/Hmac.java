package io.channels4j.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one secret. A {@link Mac} is costly to create and not thread-safe, so each
 * thread keeps one already keyed.
 */
public final class Hmac {
  private static final HexFormat HEX = HexFormat.of();

  /** Looking MD5 up costs more than hashing a small body, so each thread keeps one. */
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("MD5 is not available", e);
            }
          });

  private final ThreadLocal<Mac> macs;

  /**
   * Keys an HMAC with a secret's UTF-8 bytes.
   *
   * @param secret the secret
   */
  public Hmac(String secret) {
    SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
              }
            });
  }

  /**
   * Signs bytes.
   *
   * @param message the message
   * @return the raw 32-byte MAC
   */
  public byte[] mac(byte[] message) {
    return macs.get().doFinal(message);
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
    Mac mac = macs.get();
    mac.update(message, offset, length);
    return mac.doFinal();
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
    // digest() resets the instance for the next call on this thread.
    return HEX.formatHex(MD5.get().digest(bytes));
  }
}
