package io.channels4j.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) composed from BouncyCastle primitives.
 *
 * <p>The first 32 bytes of the XSalsa20 keystream are the one-time Poly1305 key; the plaintext is
 * XORed with the keystream from byte 32 on. A box is the 16-byte tag followed by the ciphertext,
 * and the tag covers the ciphertext only.
 */
final class SecretBox {

  /** Length of a secretbox key in bytes. */
  static final int KEY_BYTES = 32;

  /** Length of a secretbox nonce in bytes. */
  static final int NONCE_BYTES = 24;

  /** Length of the Poly1305 tag that starts every box, in bytes. */
  static final int TAG_BYTES = 16;

  private static final int POLY1305_KEY_BYTES = 32;

  private SecretBox() {}

  /**
   * Seals {@code plaintext} and returns {@code tag || ciphertext}.
   *
   * @throws IllegalArgumentException if the key or nonce has the wrong length
   */
  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
    XSalsa20Engine stream = keyStream(key, nonce);
    byte[] macKey = new byte[POLY1305_KEY_BYTES];
    try {
      stream.processBytes(macKey, 0, macKey.length, macKey, 0);
      byte[] box = new byte[TAG_BYTES + plaintext.length];
      stream.processBytes(plaintext, 0, plaintext.length, box, TAG_BYTES);
      byte[] tag = tag(macKey, box, TAG_BYTES, plaintext.length);
      System.arraycopy(tag, 0, box, 0, TAG_BYTES);
      return box;
    } finally {
      Arrays.fill(macKey, (byte) 0);
    }
  }

  /**
   * Verifies the tag of {@code box} in constant time and, only if it matches, returns the
   * plaintext.
   *
   * @throws IllegalArgumentException if the key or nonce has the wrong length, the box is shorter
   *     than a tag, or the tag does not match
   */
  static byte[] open(byte[] key, byte[] nonce, byte[] box) {
    if (box.length < TAG_BYTES) {
      throw new IllegalArgumentException(
          "ciphertext must be at least " + TAG_BYTES + " bytes, got " + box.length);
    }
    XSalsa20Engine stream = keyStream(key, nonce);
    byte[] macKey = new byte[POLY1305_KEY_BYTES];
    try {
      stream.processBytes(macKey, 0, macKey.length, macKey, 0);
      int length = box.length - TAG_BYTES;
      byte[] expected = tag(macKey, box, TAG_BYTES, length);
      if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
        throw new IllegalArgumentException(
            "box does not open: wrong key, or tampered nonce or ciphertext");
      }
      byte[] plaintext = new byte[length];
      stream.processBytes(box, TAG_BYTES, length, plaintext, 0);
      return plaintext;
    } finally {
      Arrays.fill(macKey, (byte) 0);
    }
  }

  private static XSalsa20Engine keyStream(byte[] key, byte[] nonce) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("key must be " + KEY_BYTES + " bytes, got " + key.length);
    }
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException(
          "nonce must be " + NONCE_BYTES + " bytes, got " + nonce.length);
    }
    XSalsa20Engine engine = new XSalsa20Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return engine;
  }

  private static byte[] tag(byte[] macKey, byte[] data, int offset, int length) {
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(macKey));
    mac.update(data, offset, length);
    byte[] tag = new byte[TAG_BYTES];
    mac.doFinal(tag, 0);
    return tag;
  }
}
