package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void decodesEitherCase() {
    assertThat(Hex.decodeOrNull("00ffAb")).containsExactly(0, -1, -85);
  }

  @Test
  void refusesOddLengthAndNonHex() {
    assertThat(Hex.decodeOrNull("abc")).isNull();
    assertThat(Hex.decodeOrNull("zz")).isNull();
    assertThat(Hex.decodeOrNull(null)).isNull();
  }

  @Test
  void refusesUnicodeDigitsThatCharacterDigitWouldAccept() {
    // Fullwidth "ａ1" and Arabic-Indic "٣" are digits to Character.digit, not to a hex signature.
    assertThat(Hex.decodeOrNull("\uff411")).isNull();
    assertThat(Hex.decodeOrNull("\u06631")).isNull();
  }
}
