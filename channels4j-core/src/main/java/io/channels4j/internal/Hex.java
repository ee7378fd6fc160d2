package io.channels4j.internal;

/**
 * Hex for the hand-written hot paths: the one table of lower-case digits (the protocol's
 * signatures, and JSON's unicode escapes as JavaScript writes them), and lenient decoding that
 * reports bad input with {@code null} instead of an exception. Elsewhere {@link
 * java.util.HexFormat} does the job.
 */
public final class Hex {
  private static final byte[] LOWER = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private Hex() {}

  /**
   * The lower-case hex digit of a nibble.
   *
   * @param nibble 0 to 15; higher bits are ignored
   * @return {@code 0-9a-f} as a byte
   */
  static byte lower(int nibble) {
    return LOWER[nibble & 0xf];
  }

  /**
   * Writes bytes as lower-case hex into a buffer.
   *
   * @param bytes the bytes
   * @param out the buffer, with room for two digits per byte
   * @param at where to start writing
   * @return the index after the last digit written
   */
  static int writeLower(byte[] bytes, byte[] out, int at) {
    for (byte b : bytes) {
      out[at++] = LOWER[(b >> 4) & 0xf];
      out[at++] = LOWER[b & 0xf];
    }
    return at;
  }

  /**
   * Decodes hex in either case.
   *
   * @param hex the text, may be null
   * @return the bytes, or {@code null} when the text is not even-length hex
   */
  static byte[] decodeOrNull(String hex) {
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
