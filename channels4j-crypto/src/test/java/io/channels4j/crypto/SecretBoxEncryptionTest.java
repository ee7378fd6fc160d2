package io.channels4j.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.spi.ChannelEncryption;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretBoxEncryptionTest {

  private static final String CHANNEL_BLA = "private-encrypted-bla";
  // 33 ASCII bytes despite the text; the published vectors use it as is.
  private static final byte[] KEY_33 = "This is a string that is 32 chars".getBytes(US_ASCII);
  private static final String MASTER_KEY_V22 = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=";
  private static final String CHANNEL_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-=@,.;";

  private static final SecretBoxEncryption RANDOM_NONCES =
      SecretBoxEncryption.withMasterKeyBase64(MASTER_KEY_V22);

  private static Consumer<byte[]> fixedNonce(byte[] nonce) {
    return buffer -> System.arraycopy(nonce, 0, buffer, 0, buffer.length);
  }

  private static Consumer<byte[]> noNonces() {
    return buffer -> {
      throw new AssertionError("no nonce expected");
    };
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void derivesSharedSecretFromChannelThenMasterKey() {
    assertThat(hex(SecretBoxEncryption.deriveSharedSecret(CHANNEL_BLA, KEY_33)))
        .isEqualTo("004831f99d2a4e86723e893caded3a2897deeddbed9514fe9497dcddc52bd50b");
  }

  @Test
  void decryptsEnvelopeFromAnotherPusherLibrary() {
    ChannelEncryption encryption = SecretBoxEncryption.withAnyMasterKey(KEY_33, noNonces());
    String envelope =
        "{\"nonce\":\"sjklahvpWWQgAjTx5FfYHCCxd2AmaL9T\","
            + "\"ciphertext\":\"zoDEe8dA3nDXKsybAWce/hXGW4szJw==\"}";

    assertThat(new String(encryption.decrypt(CHANNEL_BLA, envelope), UTF_8)).isEqualTo("Hello!");
  }

  @Test
  void refusesToDecryptWithOtherMasterKey() {
    ChannelEncryption encryption =
        SecretBoxEncryption.withAnyMasterKey(
            "This is an invalid key 32 chars!!".getBytes(US_ASCII), noNonces());
    String envelope =
        "{\"nonce\":\"sjklahvpWWQgAjTx5FfYHCCxd2AmaL9T\","
            + "\"ciphertext\":\"zoDEe8dA3nDXKsybAWce/hXGW4szJw==\"}";

    assertThatThrownBy(() -> encryption.decrypt(CHANNEL_BLA, envelope))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void refusesToDecryptForOtherChannel() {
    String envelope = RANDOM_NONCES.encrypt(CHANNEL_BLA, "Hello!".getBytes(UTF_8));

    assertThatThrownBy(() -> RANDOM_NONCES.decrypt("private-encrypted-blb", envelope))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void hashesMasterKeyBytesNotTheirLatin1Text() {
    String secret = base64(RANDOM_NONCES.sharedSecret(CHANNEL_BLA));

    assertThat(secret)
        .isEqualTo("nlr49ISQHz91yS3cy/yWmW8wFMNeTnNL5tNHnbPJcLQ=")
        .isNotEqualTo("zsQ7i1nKZRTOch46wPe4dNSq9aglOfYRiETFb197k+E=");
  }

  @Test
  void derivesSharedSecretFromBase64MasterKey() {
    SecretBoxEncryption encryption =
        SecretBoxEncryption.withMasterKeyBase64("VGhlIDMyIGNoYXJzIGxvbmcgZW5jcnlwdGlvbiBrZXk=");

    byte[] secret = encryption.sharedSecret("private-encrypted-test");

    assertThat(hex(secret))
        .isEqualTo("d4ed0516be8d886e1df43e00e5b581877106f58ff07e3ceac35ef62d45f0550e");
    assertThat(base64(secret)).isEqualTo("1O0FFr6NiG4d9D4A5bWBh3EG9Y/wfjzqw172LUXwVQ4=");
  }

  @Test
  void derivesSharedSecretFromRawMasterKeyBytes() {
    byte[] key = "3W1pfB/Etr+ZIlfMWwZP3gz8jEeCt4s2pe6Vpr+2c3M=".getBytes(US_ASCII);

    assertThat(base64(SecretBoxEncryption.deriveSharedSecret("private-encrypted-1", key)))
        .isEqualTo("6zeEp/chneRPS1cbK/hGeG860UhHomxSN6hTgzwT20I=");
    assertThat(
            base64(SecretBoxEncryption.deriveSharedSecret("private-encrypted-test_channel", key)))
        .isEqualTo("o0L3QnIovCeRC8KTD8KBRlmi31dGzHVS2M93uryqDdw=");
  }

  @Test
  void encryptsPublishedFixedNonceVectorExactly() {
    String channel = "pvUPIk0YG6MnxCEMIUUVFrbDmQwbhICXUcy";
    byte[] plaintext = "kkkT5OOkOkO5kT5TOO5TkOT5TTk5O55T".getBytes(US_ASCII);
    SecretBoxEncryption encryption =
        SecretBoxEncryption.withAnyMasterKey(
            "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5".getBytes(US_ASCII),
            fixedNonce("XAJI0Y6DPBHSAHXTHV3A3ZMF".getBytes(US_ASCII)));

    String envelope = encryption.encrypt(channel, plaintext);

    assertThat(hex(encryption.sharedSecret(channel)))
        .isEqualTo("709ef3090a24bfa98382cb5d025ca3622c82d31fa27f10b005c0dca27bae6516");
    assertThat(envelope)
        .isEqualTo(
            "{\"nonce\":\"WEFKSTBZNkRQQkhTQUhYVEhWM0EzWk1G\","
                + "\"ciphertext\":\"tsYJa2JgGDOpVIYFe4aNVWAvZlpB7z7CjN9mpIdbATE0Yc4izN8aM8D6VigBxnIQ\"}");
    assertThat(encryption.decrypt(channel, envelope)).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dGhpcyBpcyAzMiBieXRlcyAxMjM0NTY3ODkwMTIzNDU=",
        "ZUhQVldIZzduRkdZVkJzS2pPRkRYV1JyaWJJUjJiMGI="
      })
  void acceptsBase64MasterKeyOf32Bytes(String base64MasterKey) {
    SecretBoxEncryption encryption = SecretBoxEncryption.withMasterKeyBase64(base64MasterKey);

    assertThat(encryption.sharedSecret(CHANNEL_BLA))
        .isEqualTo(
            SecretBoxEncryption.deriveSharedSecret(
                CHANNEL_BLA, Base64.getDecoder().decode(base64MasterKey)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dGhpcyBpcyAzMSBieXRlcyAxMjM0NTY3ODkwMTIzNA==",
        "dGhpcyBpcyAzMiBieXRlcyAxMjM0NTY3ODkwMTIzNDU2",
        "VGhlIDMyIGNoYXJzIGxvbmcgZW5jce"
      })
  void rejectsBase64MasterKeyNotDecodingTo32Bytes(String base64MasterKey) {
    assertThatThrownBy(() -> SecretBoxEncryption.withMasterKeyBase64(base64MasterKey))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("master key must decode to 32 bytes, got ")
        .hasMessageNotContaining(base64MasterKey);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dGhp!yBpcyAzMiBieXRlcy#xMjM0NTY3ODkwMTIzNDU=",
        "dGhpcyBpcyAzMSBieXRlcyAxMjM0NTY3ODkwMTIzNA=",
        "TG9yZW0gSXBzdW0ga",
        "dGhpcyBpcyAzMiBieXRlcyAxMjM0NTY3ODkwMTIzNDU= ",
        "dGhpcyBpcyAzMiBieXRlcyAx\nMjM0NTY3ODkwMTIzNDU=",
        "dGhpcyBpcyAzMiBieXRlcyAxMjM0NTY3ODkwMTIzNDU_"
      })
  void rejectsMasterKeyThatIsNotBase64(String base64MasterKey) {
    assertThatThrownBy(() -> SecretBoxEncryption.withMasterKeyBase64(base64MasterKey))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key is not valid base64")
        .hasNoCause();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejectsMissingBase64MasterKey(String base64MasterKey) {
    assertThatThrownBy(() -> SecretBoxEncryption.withMasterKeyBase64(base64MasterKey))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key must not be null or empty");
  }

  @Test
  void rejectsRawMasterKeyNotOf32Bytes() {
    assertThatThrownBy(
            () ->
                SecretBoxEncryption.withMasterKey(
                    "this is 31 bytes 12345678901234".getBytes(US_ASCII)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key must be 32 bytes, got 31");
    assertThatThrownBy(() -> SecretBoxEncryption.withMasterKey(KEY_33))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key must be 32 bytes, got 33");
    assertThatThrownBy(() -> SecretBoxEncryption.withMasterKey(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key must not be null");
  }

  @Test
  void keepsItsOwnCopyOfRawMasterKey() {
    byte[] key = Base64.getDecoder().decode(MASTER_KEY_V22);
    SecretBoxEncryption encryption = SecretBoxEncryption.withMasterKey(key);

    Arrays.fill(key, (byte) 0);

    assertThat(base64(encryption.sharedSecret(CHANNEL_BLA)))
        .isEqualTo("nlr49ISQHz91yS3cy/yWmW8wFMNeTnNL5tNHnbPJcLQ=");
  }

  @Test
  void returnsFreshSharedSecretArrayEachCall() {
    byte[] first = RANDOM_NONCES.sharedSecret(CHANNEL_BLA);
    Arrays.fill(first, (byte) 0);

    assertThat(base64(RANDOM_NONCES.sharedSecret(CHANNEL_BLA)))
        .isEqualTo("nlr49ISQHz91yS3cy/yWmW8wFMNeTnNL5tNHnbPJcLQ=");
  }

  @Test
  void neverShowsMasterKeyInToString() {
    byte[] key = Base64.getDecoder().decode(MASTER_KEY_V22);

    assertThat(RANDOM_NONCES.toString())
        .isEqualTo("SecretBoxEncryption[XSalsa20-Poly1305, masterKey=<redacted>]")
        .doesNotContain(MASTER_KEY_V22)
        .doesNotContain(hex(key))
        .doesNotContain(Arrays.toString(key));
  }

  @Test
  void treatsNullEnvelopeAsMalformed() {
    assertThatThrownBy(() -> RANDOM_NONCES.decrypt(CHANNEL_BLA, null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envelope must not be null");
  }

  @Test
  void rejectsNullChannelAndPlaintextAsProgrammingErrors() {
    assertThatThrownBy(() -> RANDOM_NONCES.sharedSecret(null))
        .isExactlyInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RANDOM_NONCES.encrypt(null, new byte[0]))
        .isExactlyInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RANDOM_NONCES.encrypt(CHANNEL_BLA, null))
        .isExactlyInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RANDOM_NONCES.decrypt(null, "{}"))
        .isExactlyInstanceOf(NullPointerException.class);
  }

  @Provide
  Arbitrary<String> channels() {
    return Arbitraries.strings()
        .withChars(CHANNEL_CHARS)
        .ofMinLength(1)
        .ofMaxLength(164 - "private-encrypted-".length())
        .map(name -> "private-encrypted-" + name);
  }

  @Property
  void decryptsWhatItEncrypts(
      @ForAll("channels") String channel, @ForAll @Size(max = 4096) byte[] plaintext) {
    String envelope = RANDOM_NONCES.encrypt(channel, plaintext);

    assertThat(RANDOM_NONCES.decrypt(channel, envelope)).isEqualTo(plaintext);
  }

  @Property
  void rejectsAnySingleFlippedBit(
      @ForAll("channels") String channel,
      @ForAll @Size(max = 256) byte[] plaintext,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    Envelope sealed = Envelope.parse(RANDOM_NONCES.encrypt(channel, plaintext));
    byte[] nonce = sealed.nonce();
    byte[] ciphertext = sealed.ciphertext();
    int bit = position % ((nonce.length + ciphertext.length) * 8);
    byte[] target = bit < nonce.length * 8 ? nonce : ciphertext;
    int bitInTarget = target == nonce ? bit : bit - nonce.length * 8;
    target[bitInTarget / 8] ^= (byte) (1 << (bitInTarget % 8));
    String tampered = Envelope.format(nonce, ciphertext);

    assertThatThrownBy(() -> RANDOM_NONCES.decrypt(channel, tampered))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open");
  }

  @Property
  void rejectsArbitraryTextOnlyWithIllegalArgumentException(@ForAll String envelope) {
    assertRejectedOnlyAsMalformed(envelope);
  }

  @Provide
  Arbitrary<String> mangledEnvelopes() {
    String valid = RANDOM_NONCES.encrypt(CHANNEL_BLA, "Hello!".getBytes(UTF_8));
    Arbitrary<Integer> position = Arbitraries.integers().between(0, valid.length());
    Arbitrary<Character> character =
        Arbitraries.oneOf(
            Arbitraries.of('{', '}', '[', ']', '"', ':', ',', '\\', ' ', '=', '/', '+'),
            Arbitraries.chars().alpha(),
            Arbitraries.chars());
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
    return Combinators.combine(position, character, kind)
        .as(
            (at, c, k) -> {
              String head = valid.substring(0, at);
              String tail = valid.substring(at);
              if (k == 0) {
                return head + c + tail;
              }
              String rest = tail.isEmpty() ? tail : tail.substring(1);
              return k == 1 ? head + rest : head + c + rest;
            });
  }

  @Property
  void rejectsMangledEnvelopesOnlyWithIllegalArgumentException(
      @ForAll("mangledEnvelopes") String envelope) {
    assertRejectedOnlyAsMalformed(envelope);
  }

  private static void assertRejectedOnlyAsMalformed(String envelope) {
    try {
      RANDOM_NONCES.decrypt(CHANNEL_BLA, envelope);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain(MASTER_KEY_V22);
    }
  }

  @Property(tries = 200)
  void usesFreshNonceForEveryMessage(@ForAll @Size(max = 64) byte[] plaintext) {
    Envelope first = Envelope.parse(RANDOM_NONCES.encrypt(CHANNEL_BLA, plaintext));
    Envelope second = Envelope.parse(RANDOM_NONCES.encrypt(CHANNEL_BLA, plaintext));

    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
  }
}
