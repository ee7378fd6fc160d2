package io.channels4j.internal;

import io.channels4j.spi.ChannelEncryption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A test stand-in for channels4j-crypto: the real shared-secret derivation (JDK SHA-256 over the
 * channel name then the master key), and a toy "envelope" that is only base64, so that webhook
 * decryption can be tested in core. Anything but the toy nonce fails to open, as a wrong key would.
 */
final class ToyEncryption implements ChannelEncryption {
  static final String NONCE = "toy";

  private final byte[] masterKey;

  ToyEncryption(byte[] masterKey) {
    this.masterKey = masterKey.clone();
  }

  static ToyEncryption withMasterKeyBase64(String base64) {
    return new ToyEncryption(Base64.getDecoder().decode(base64));
  }

  @Override
  public byte[] sharedSecret(String channel) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(channel.getBytes(StandardCharsets.UTF_8));
      sha256.update(masterKey);
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String encrypt(String channel, byte[] plaintext) {
    return "{\"nonce\":\""
        + NONCE
        + "\",\"ciphertext\":\""
        + Base64.getEncoder().encodeToString(plaintext)
        + "\"}";
  }

  @Override
  public byte[] decrypt(String channel, String envelope) {
    String prefix = "{\"nonce\":\"" + NONCE + "\",\"ciphertext\":\"";
    if (envelope == null || !envelope.startsWith(prefix) || !envelope.endsWith("\"}")) {
      throw new IllegalArgumentException("the box does not open");
    }
    return Base64.getDecoder().decode(envelope.substring(prefix.length(), envelope.length() - 2));
  }
}
