package io.channels4j.spi;

/**
 * Encrypts and decrypts the event data of {@code private-encrypted-} channels.
 *
 * <p>The core ships no implementation so that it stays free of crypto libraries; the {@code
 * channels4j-crypto} module provides NaCl secretbox. Implementations must be thread-safe.
 */
public interface ChannelEncryption {

  /**
   * Returns the 32-byte key of one channel: SHA-256 over the channel name's UTF-8 bytes followed by
   * the master key. Each call returns a new array the caller may keep.
   */
  byte[] sharedSecret(String channel);

  /**
   * Encrypts {@code plaintext} for {@code channel} with a fresh nonce and returns the envelope as
   * JSON text, {@code {"nonce":"<base64>","ciphertext":"<base64>"}}, padded base64.
   */
  String encrypt(String channel, byte[] plaintext);

  /**
   * Opens an envelope produced by {@link #encrypt} (or by any Pusher library) and returns the
   * plaintext.
   *
   * @throws IllegalArgumentException if the envelope is malformed or the box does not open (wrong
   *     key, tampered nonce or ciphertext); the message never contains key material
   */
  byte[] decrypt(String channel, String envelope);
}
