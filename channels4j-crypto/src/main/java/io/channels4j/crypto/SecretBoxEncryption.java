package io.channels4j.crypto;

import io.channels4j.spi.ChannelEncryption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link ChannelEncryption} with NaCl secretbox (XSalsa20-Poly1305), the scheme of Pusher's {@code
 * private-encrypted-} channels.
 *
 * <p>Each channel's key is SHA-256 over the channel name's UTF-8 bytes followed by the 32-byte
 * master key. Every message is sealed with a fresh random 24-byte nonce. Instances are immutable
 * and thread-safe; {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * ChannelEncryption encryption = SecretBoxEncryption.withMasterKeyBase64(System.getenv("KEY"));
 * }</pre>
 */
public final class SecretBoxEncryption implements ChannelEncryption {

  private static final int MASTER_KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] masterKey;
  private final Consumer<byte[]> nonceSource;

  private SecretBoxEncryption(byte[] masterKey, Consumer<byte[]> nonceSource) {
    this.masterKey = masterKey.clone();
    this.nonceSource = nonceSource;
  }

  /**
   * Creates the encryption from a master key in standard base64, such as the output of {@code
   * openssl rand -base64 32}. Padding may be left out, but nothing else outside the alphabet.
   *
   * @param base64MasterKey the master key, standard base64 of exactly 32 bytes
   * @return the encryption for that master key
   * @throws IllegalArgumentException if the key is null, empty, not valid base64 or does not decode
   *     to 32 bytes; the message never contains the key
   */
  public static SecretBoxEncryption withMasterKeyBase64(String base64MasterKey) {
    if (base64MasterKey == null || base64MasterKey.isEmpty()) {
      throw new IllegalArgumentException("master key must not be null or empty");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64MasterKey);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes a character of the key, so it is neither kept nor chained.
      throw new IllegalArgumentException("master key is not valid base64");
    }
    try {
      if (key.length != MASTER_KEY_BYTES) {
        throw new IllegalArgumentException(
            "master key must decode to " + MASTER_KEY_BYTES + " bytes, got " + key.length);
      }
      return new SecretBoxEncryption(key, RANDOM::nextBytes);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Creates the encryption from a raw master key. The array is copied.
   *
   * @param key32 the master key, exactly 32 bytes
   * @return the encryption for that master key
   * @throws IllegalArgumentException if the key is null or not 32 bytes long
   */
  public static SecretBoxEncryption withMasterKey(byte[] key32) {
    if (key32 == null) {
      throw new IllegalArgumentException("master key must not be null");
    }
    if (key32.length != MASTER_KEY_BYTES) {
      throw new IllegalArgumentException(
          "master key must be " + MASTER_KEY_BYTES + " bytes, got " + key32.length);
    }
    return new SecretBoxEncryption(key32, RANDOM::nextBytes);
  }

  /**
   * Creates the encryption from a master key of any length with the given nonce source, for tests:
   * published vectors use fixed nonces and master keys that are not 32 bytes long.
   */
  static SecretBoxEncryption withAnyMasterKey(byte[] masterKey, Consumer<byte[]> nonceSource) {
    return new SecretBoxEncryption(masterKey, Objects.requireNonNull(nonceSource, "nonceSource"));
  }

  /** SHA-256 over {@code channel}'s UTF-8 bytes followed by {@code masterKey}, of any length. */
  static byte[] deriveSharedSecret(String channel, byte[] masterKey) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    sha256.update(channel.getBytes(StandardCharsets.UTF_8));
    sha256.update(masterKey);
    return sha256.digest();
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code channel} is null
   */
  @Override
  public byte[] sharedSecret(String channel) {
    Objects.requireNonNull(channel, "channel");
    return deriveSharedSecret(channel, masterKey);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code channel} or {@code plaintext} is null
   */
  @Override
  public String encrypt(String channel, byte[] plaintext) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    nonceSource.accept(nonce);
    byte[] key = sharedSecret(channel);
    try {
      return Envelope.format(nonce, SecretBox.seal(key, nonce, plaintext));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A null envelope counts as malformed.
   *
   * @throws NullPointerException if {@code channel} is null
   */
  @Override
  public byte[] decrypt(String channel, String envelope) {
    Objects.requireNonNull(channel, "channel");
    Envelope parsed = Envelope.parse(envelope);
    byte[] key = sharedSecret(channel);
    try {
      return SecretBox.open(key, parsed.nonce(), parsed.ciphertext());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Names the algorithm; never shows the master key. */
  @Override
  public String toString() {
    return "SecretBoxEncryption[XSalsa20-Poly1305, masterKey=<redacted>]";
  }
}
