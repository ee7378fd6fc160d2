package io.channels4j.internal;

/**
 * Writes JSON string literals by hand, for the few small documents on the auth hot path where a
 * Jackson generator would cost more than the document itself.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /**
   * Appends {@code value} as a quoted JSON string. Quotes, backslashes, control characters (U+0000
   * to U+001F) and unpaired surrogates are escaped, with lower-case hex; without {@code asciiOnly}
   * that is all, exactly as JavaScript's {@code JSON.stringify} (so signed text matches the Node
   * library's). With {@code asciiOnly} U+007F and every character above it are escaped too, so the
   * text survives a response written in any charset.
   *
   * @param out where to write
   * @param value the text
   * @param asciiOnly whether to escape U+007F and every character above it
   */
  public static void appendString(StringBuilder out, String value, boolean asciiOnly) {
    out.append('"');
    int n = value.length();
    int run = 0; // start of the pending run of characters that need no escape
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        continue;
      }
      if (c >= 0x7f && !asciiOnly && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && !asciiOnly
          && i + 1 < n
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++; // a well-formed pair is written as is
        continue;
      }
      out.append(value, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default ->
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
      }
    }
    out.append(value, run, n).append('"');
  }

  /**
   * Returns the index of the first unpaired surrogate, or -1. Text with one cannot be encoded as
   * UTF-8, so a signature over it would not match what the client sends back.
   *
   * @param value the text
   * @return the index, or -1 when the text is well-formed UTF-16
   */
  public static int firstUnpairedSurrogate(String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
