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
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
