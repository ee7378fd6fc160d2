package io.channels4j.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  // V-25: the channel key, nonce and plaintext of the published fixed-nonce vector.
  private static final byte[] KEY =
      HexFormat.of().parseHex("709ef3090a24bfa98382cb5d025ca3622c82d31fa27f10b005c0dca27bae6516");
  private static final byte[] NONCE = "XAJI0Y6DPBHSAHXTHV3A3ZMF".getBytes(US_ASCII);
  private static final byte[] PLAINTEXT = "kkkT5OOkOkO5kT5TOO5TkOT5TTk5O55T".getBytes(US_ASCII);
  private static final byte[] BOX =
      Base64.getDecoder()
          .decode("tsYJa2JgGDOpVIYFe4aNVWAvZlpB7z7CjN9mpIdbATE0Yc4izN8aM8D6VigBxnIQ");

  @Test
  void sealsPublishedVectorAsTagFollowedByCiphertext() {
    byte[] box = SecretBox.seal(KEY, NONCE, PLAINTEXT);

    assertThat(box).hasSize(SecretBox.TAG_BYTES + PLAINTEXT.length).isEqualTo(BOX);
  }

  @Test
  void opensPublishedVector() {
    assertThat(SecretBox.open(KEY, NONCE, BOX)).isEqualTo(PLAINTEXT);
  }

  @Test
  void sealsAndOpensEmptyPlaintextAsBareTag() {
    byte[] box = SecretBox.seal(KEY, NONCE, new byte[0]);

    assertThat(box).hasSize(SecretBox.TAG_BYTES);
    assertThat(SecretBox.open(KEY, NONCE, box)).isEmpty();
  }

  @Test
  void rejectsEveryFlippedBitOfTheBox() {
    for (int bit = 0; bit < BOX.length * 8; bit++) {
      byte[] tampered = BOX.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));

      assertThatThrownBy(() -> SecretBox.open(KEY, NONCE, tampered))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not open");
    }
  }

  @Test
  void rejectsTruncatedBox() {
    byte[] truncated = Arrays.copyOf(BOX, BOX.length - 1);

    assertThatThrownBy(() -> SecretBox.open(KEY, NONCE, truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void rejectsBoxShorterThanTag() {
    byte[] tooShort = new byte[SecretBox.TAG_BYTES - 1];

    assertThatThrownBy(() -> SecretBox.open(KEY, NONCE, tooShort))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ciphertext must be at least 16 bytes, got 15");
  }

  @Test
  void rejectsOtherKey() {
    byte[] otherKey = KEY.clone();
    otherKey[31] ^= 1;

    assertThatThrownBy(() -> SecretBox.open(otherKey, NONCE, BOX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void rejectsKeyAndNonceOfWrongLength() {
    assertThatThrownBy(() -> SecretBox.seal(new byte[31], NONCE, PLAINTEXT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key must be 32 bytes, got 31");
    assertThatThrownBy(() -> SecretBox.open(KEY, new byte[25], BOX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nonce must be 24 bytes, got 25");
  }
}
