package io.channels4j.internal;

import java.nio.charset.StandardCharsets;

/**
 * Writes JSON string literals by hand, for the few small documents on the auth hot path where a
 * Jackson generator would cost more than the document itself.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Buffers larger than this are not kept between calls. */
  private static final int KEPT_BUFFER_BYTES = 16 * 1024;

  private static final ThreadLocal<byte[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[][] {new byte[512]});

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

  /**
   * Escapes the unpaired surrogates of JSON text as {@code \\uXXXX}. In JSON output they can only
   * stand inside strings, where the escape means the same character.
   *
   * @param json JSON text
   * @return the same text, or a copy with those characters escaped
   */
  public static String escapeUnpairedSurrogates(String json) {
    int bad = firstUnpairedSurrogate(json);
    if (bad < 0) {
      return json;
    }
    StringBuilder sb = new StringBuilder(json.length() + 16);
    int n = json.length();
    for (int i = 0; i < n; i++) {
      char c = json.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(json.charAt(i + 1))) {
        sb.append(c).append(json.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append("\\u")
            .append(HEX[(c >> 12) & 0xf])
            .append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Returns this thread's scratch buffer, at least {@code length} bytes long. Its content is
   * garbage; it is valid until the next call on the same thread, so callers copy out what they keep
   * before calling anything else that may use it.
   *
   * @param length the bytes needed
   * @return the buffer
   */
  public static byte[] buffer(int length) {
    byte[][] holder = BUFFERS.get();
    byte[] buffer = holder[0];
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, 2 * buffer.length)];
      if (buffer.length <= KEPT_BUFFER_BYTES) {
        holder[0] = buffer;
      }
    }
    return buffer;
  }

  /**
   * Renders a flat JSON object of string fields as pure ASCII text (everything else escaped), so it
   * survives a response in any charset. Fields whose value is null are left out.
   *
   * @param k1 first key, plain ASCII needing no escape
   * @param v1 its value
   * @param k2 second key
   * @param v2 its value, or null
   * @param k3 third key
   * @param v3 its value, or null
   * @return the JSON text
   */
  public static String asciiObject(
      String k1, String v1, String k2, String v2, String k3, String v3) {
    int bound = 2 + fieldBound(k1, v1) + fieldBound(k2, v2) + fieldBound(k3, v3);
    byte[] out = buffer(bound);
    out[0] = '{';
    int at = writeField(out, 1, k1, v1);
    if (v2 != null) {
      out[at++] = ',';
      at = writeField(out, at, k2, v2);
    }
    if (v3 != null) {
      out[at++] = ',';
      at = writeField(out, at, k3, v3);
    }
    out[at++] = '}';
    return new String(out, 0, at, StandardCharsets.ISO_8859_1);
  }

  private static int fieldBound(String key, String value) {
    // "key":"value", with every character of the value escaped as a 6-byte unicode escape at worst.
    return value == null ? 0 : key.length() + 6 + 6 * value.length();
  }

  private static int writeField(byte[] out, int at, String key, String value) {
    out[at++] = '"';
    for (int i = 0; i < key.length(); i++) {
      out[at++] = (byte) key.charAt(i);
    }
    out[at++] = '"';
    out[at++] = ':';
    out[at++] = '"';
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        if (c == '"' || c == '\\') {
          out[at++] = '\\';
        }
        out[at++] = (byte) c;
        continue;
      }
      out[at++] = '\\';
      switch (c) {
        case '\n' -> out[at++] = 'n';
        case '\r' -> out[at++] = 'r';
        case '\t' -> out[at++] = 't';
        case '\b' -> out[at++] = 'b';
        case '\f' -> out[at++] = 'f';
        default -> {
          out[at++] = 'u';
          out[at++] = (byte) HEX[(c >> 12) & 0xf];
          out[at++] = (byte) HEX[(c >> 8) & 0xf];
          out[at++] = (byte) HEX[(c >> 4) & 0xf];
          out[at++] = (byte) HEX[c & 0xf];
        }
      }
    }
    out[at++] = '"';
    return at;
  }
}
