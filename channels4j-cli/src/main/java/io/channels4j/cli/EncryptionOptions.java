package io.channels4j.cli;

import io.channels4j.ChannelType;
import io.channels4j.Pusher;
import io.channels4j.crypto.SecretBoxEncryption;
import java.util.Collection;
import picocli.CommandLine.Option;

/**
 * The master key of end-to-end encrypted ({@code private-encrypted-}) channels: {@code
 * --encryption-master-key-file}, or the {@code PUSHER_ENCRYPTION_MASTER_KEY_BASE64} environment
 * variable. Never an option value, which would show in {@code ps}.
 */
final class EncryptionOptions {
  static final String ENV = "PUSHER_ENCRYPTION_MASTER_KEY_BASE64";

  @Option(
      names = "--encryption-master-key-file",
      paramLabel = "FILE",
      description = {
        "The master key of private-encrypted- channels: a file holding 32 bytes in",
        "base64 (openssl rand -base64 32 > FILE); - reads stdin.",
        "Default: $" + ENV + "."
      })
  String masterKeyFile;

  /** Adds the encryption to {@code b} when a master key is given; does nothing otherwise. */
  void configure(Pusher.Builder b, Io io) {
    String source;
    String base64;
    if (masterKeyFile != null) {
      source = "--encryption-master-key-file";
      base64 = SecretInput.read(source, masterKeyFile, io);
    } else {
      base64 = io.env().get(ENV);
      if (base64 == null || base64.isBlank()) {
        return;
      }
      source = ENV;
      base64 = base64.strip();
    }
    try {
      b.encryption(SecretBoxEncryption.withMasterKeyBase64(base64));
    } catch (IllegalArgumentException e) {
      // The library's message never contains the key.
      throw new CliException(Cli.USAGE, source + ": " + e.getMessage());
    }
  }

  /** Tells whether a master key is given, by the option or the environment. */
  boolean given(Io io) {
    return masterKeyFile != null || !io.env().getOrDefault(ENV, "").isBlank();
  }

  /** What to do about a missing key, for messages. */
  static String hint() {
    return "give its master key with --encryption-master-key-file FILE or $" + ENV;
  }

  /**
   * Refuses, before any request, to send to or authorize an encrypted channel without a key, with a
   * message that says which option to give (the library's speaks of builders).
   */
  void requireFor(Collection<String> channels, Io io) {
    if (given(io)) {
      return;
    }
    for (String channel : channels) {
      if (ChannelType.of(channel) == ChannelType.PRIVATE_ENCRYPTED) {
        throw new CliException(Cli.USAGE, channel + " is end-to-end encrypted: " + hint());
      }
    }
  }
}
