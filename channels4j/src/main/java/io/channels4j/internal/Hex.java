package io.channels4j.internal;

/** Lenient hex decoding that reports bad input with {@code null} instead of an exception. */
public final class Hex {
  private Hex() {}

  /**
   * Decodes hex in either case.
   *
   * @param hex the text, may be null
   * @return the bytes, or {@code null} when the text is not even-length hex
   */
  public static byte[] decodeOrNull(String hex) {
    if (hex == null || (hex.length() & 1) != 0) {
      return null;
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex.charAt(2 * i));
      int lo = digit(hex.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /**
   * Reads one ASCII hex digit. Unlike {@link Character#digit(char, int)} it refuses the other
   * Unicode digits (fullwidth, Arabic-Indic), so each byte has exactly two spellings.
   *
   * @param c the character
   * @return 0 to 15, or -1 when it is not one of {@code 0-9a-fA-F}
   */
  public static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
