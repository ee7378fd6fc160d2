package io.channels4j.internal;

import io.channels4j.ChannelAttribute;
import io.channels4j.ValidationException;
import io.channels4j.spi.PayloadEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one hand-written JSON writer, for the few small documents on hot paths where creating a
 * Jackson generator costs more than the document itself. Each writer produces exactly the text
 * Jackson (or JavaScript's {@code JSON.stringify}, where the text is signed) would, and the tests
 * compare them over generated input; anything unusual goes to Jackson.
 *
 * <p>Each path stays only because JMH shows it pays ({@code Channels4jBenchmark}, JDK 17, one
 * thread, {@code -prof gc}): the plain trigger body took {@code buildSignedTrigger} from 270k to
 * 338k ops/s and from 4,600 to 3,280 B/op (commit 49cc12e); with Jackson instead of {@link
 * #asciiObject} and {@link #appendUserInfo}, {@code privateAuth} allocates 995 instead of 336 B/op
 * and {@code presenceAuth} 1,978 instead of 710 B/op (2026-12-05, 2 forks x 5 iterations, spread
 * under 25 B/op), past the target of a third of the official library's allocation. Throughput on
 * that loaded machine varied too much to quote; BENCHMARKS.md has the full runs.
 */
public final class JsonText {
  /** Buffers larger than this are not kept between calls. */
  private static final int KEPT_BUFFER_BYTES = 16 * 1024;

  /** Nesting beyond this goes to Jackson, which has its own (configurable) limits. */
  private static final int MAX_FAST_DEPTH = 32;

  /** Scratch buffers, shared by all threads (a per-thread one never hits on virtual threads). */
  private static final Pool<byte[]> BUFFERS = new Pool<>(() -> new byte[1024]);

  private JsonText() {}

  // ------------------------------------------------------------------------------ strings

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
  static void appendString(StringBuilder out, String value, boolean asciiOnly) {
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
      char shortForm = shortEscape(c);
      if (shortForm != 0) {
        out.append('\\').append(shortForm);
      } else {
        appendUnicodeEscape(out, c);
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
  static String escapeUnpairedSurrogates(String json) {
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
        appendUnicodeEscape(sb, c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // -------------------------------------------------------------------------------- user info

  /**
   * Appends user info (a presence member's or a signed-in user's) as JSON. Maps with string keys,
   * collections, strings, integers and booleans are written here, byte for byte as Jackson would
   * with lower-case hex escapes (like {@code JSON.stringify}); other plain values (floating-point
   * numbers, arrays) go to Jackson's generator, and anything else (records, beans) to the payload
   * encoder, whose text is then rewritten here so that it is signed in the same form. Written here
   * because a Jackson call costs more than the rest of the authorization (figures in the class
   * comment).
   *
   * @param sb where to write
   * @param value the user info
   * @param encoder encodes what is not a plain value
   * @throws ValidationException when the value cannot be written as JSON
   */
  static void appendUserInfo(StringBuilder sb, @Nullable Object value, PayloadEncoder encoder) {
    int mark = sb.length();
    try {
      appendUserInfo(sb, value, 0);
    } catch (Json.Unsupported unsupported) {
      // A record or bean, maybe inside a map: the encoder writes the whole value by its rules.
      sb.setLength(mark);
      appendEncoded(sb, Objects.requireNonNull(value), encoder);
    }
  }

  private static void appendUserInfo(StringBuilder sb, @Nullable Object value, int depth)
      throws Json.Unsupported {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      appendString(sb, s, false);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Boolean
        || value instanceof Short
        || value instanceof Byte) {
      sb.append(value);
    } else if (depth < MAX_FAST_DEPTH && value instanceof Map<?, ?> map) {
      int mark = sb.length();
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          // Jackson has rules for other keys (and refuses null): let it apply them.
          sb.setLength(mark);
          appendWithJackson(sb, value);
          return;
        }
        if (!first) {
          sb.append(',');
        }
        first = false;
        appendString(sb, key, false);
        sb.append(':');
        appendUserInfo(sb, e.getValue(), depth + 1);
      }
      sb.append('}');
    } else if (depth < MAX_FAST_DEPTH && value instanceof Collection<?> items) {
      sb.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        appendUserInfo(sb, item, depth + 1);
      }
      sb.append(']');
    } else {
      appendWithJackson(sb, value);
    }
  }

  /** Plain values the fast path leaves out (doubles, arrays...), with Jackson's generator. */
  private static void appendWithJackson(StringBuilder sb, Object value) throws Json.Unsupported {
    // Jackson writes unpaired surrogates raw, which have no UTF-8 form to sign: escape them.
    sb.append(escapeUnpairedSurrogates(Json.writePlain(value, true)));
  }

  /** Writes what the encoder made of a value, reread and written in this class's form. */
  private static void appendEncoded(StringBuilder sb, Object value, PayloadEncoder encoder) {
    String encoded;
    try {
      encoded = encoder.encode(value);
    } catch (RuntimeException e) {
      throw new ValidationException(
          "userInfo of type "
              + value.getClass().getName()
              + " could not be written as JSON: "
              + e.getMessage());
    }
    Object tree;
    try {
      tree = Json.parse(encoded == null ? "" : encoded);
    } catch (IOException | RuntimeException e) {
      throw new ValidationException(
          "userInfo of type "
              + value.getClass().getName()
              + " was not encoded as JSON text by the payload encoder");
    }
    try {
      appendUserInfo(sb, tree, 0);
    } catch (Json.Unsupported impossible) {
      throw new IllegalStateException("a parsed JSON value is always plain", impossible);
    }
  }

  // ----------------------------------------------------------------------------- trigger body

  /**
   * Writes a trigger body, {@code {"name","data","channels","socket_id"?,"info"?}}, when every
   * string is printable ASCII, where Jackson's output is plain: the characters as they are, with
   * quotes and backslashes escaped by a backslash. Anything else (control characters, non-ASCII)
   * returns null, and the caller lets Jackson write the body, so the bytes are always Jackson's.
   *
   * @param channels the channels
   * @param channelsChecked whether every channel is known to be from the channel charset (no
   *     escaping, ASCII), so its characters need no scan
   * @param name the event name
   * @param data the data string
   * @param socketId the excluded socket, or null
   * @param info the info attributes
   * @return the body, or null when Jackson must write it
   */
  static byte @Nullable [] plainTriggerBody(
      List<String> channels,
      boolean channelsChecked,
      String name,
      String data,
      @Nullable String socketId,
      Set<ChannelAttribute> info) {
    String infoText = info.isEmpty() ? null : Json.infoParam(info);
    int length = "{\"name\":,\"data\":,\"channels\":[]}".length();
    int n = plainLength(name);
    int d = plainLength(data);
    if (n < 0 || d < 0) {
      return null;
    }
    length += n + d + channels.size() - 1; // the commas between channels
    for (String c : channels) {
      int l = channelsChecked ? c.length() + 2 : plainLength(c);
      if (l < 0) {
        return null;
      }
      length += l;
    }
    if (socketId != null) {
      int l = plainLength(socketId);
      if (l < 0) {
        return null;
      }
      length += ",\"socket_id\":".length() + l;
    }
    if (infoText != null) {
      length += ",\"info\":".length() + plainLength(infoText);
    }
    byte[] out = new byte[length];
    int at = ascii("{\"name\":", out, 0);
    at = plainString(name, out, at);
    at = ascii(",\"data\":", out, at);
    at = plainString(data, out, at);
    at = ascii(",\"channels\":[", out, at);
    boolean first = true;
    for (String c : channels) {
      if (!first) {
        out[at++] = ',';
      }
      first = false;
      if (channelsChecked) {
        out[at++] = '"';
        at = latin1(c, out, at);
        out[at++] = '"';
      } else {
        at = plainString(c, out, at);
      }
    }
    out[at++] = ']';
    if (socketId != null) {
      at = ascii(",\"socket_id\":", out, at);
      at = plainString(socketId, out, at);
    }
    if (infoText != null) {
      at = ascii(",\"info\":", out, at);
      at = plainString(infoText, out, at);
    }
    out[at] = '}';
    return out;
  }

  /** The quoted, escaped length of printable ASCII text, or -1 for any other character. */
  private static int plainLength(String s) {
    int length = s.length() + 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return -1;
      }
      if (c == '"' || c == '\\') {
        length++;
      }
    }
    return length;
  }

  private static int plainString(String s, byte[] out, int at) {
    out[at++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out[at++] = '\\';
      }
      out[at++] = (byte) c;
    }
    out[at++] = '"';
    return at;
  }

  /** Copies text known to be ASCII (one byte per character) as it is: an array copy. */
  @SuppressWarnings("deprecation") // the one String method that copies Latin-1 bytes without a scan
  private static int latin1(String s, byte[] out, int at) {
    s.getBytes(0, s.length(), out, at);
    return at + s.length();
  }

  private static int ascii(String s, byte[] out, int at) {
    for (int i = 0; i < s.length(); i++) {
      out[at++] = (byte) s.charAt(i);
    }
    return at;
  }

  // -------------------------------------------------------------------------- ASCII objects

  /**
   * Takes a scratch buffer at least {@code length} bytes long, with garbage in it; the caller gives
   * it back with {@link #giveBuffer} when done and must not use it afterwards.
   *
   * @param length the bytes needed
   * @return the buffer
   */
  static byte[] takeBuffer(int length) {
    byte[] buffer = BUFFERS.take();
    if (buffer.length < length) {
      // The small one is dropped, so the pool holds ever larger ones (up to KEPT_BUFFER_BYTES).
      buffer = new byte[Math.max(length, 2 * buffer.length)];
    }
    return buffer;
  }

  /**
   * Gives back a buffer from {@link #takeBuffer}.
   *
   * @param buffer the buffer
   */
  static void giveBuffer(byte[] buffer) {
    if (buffer.length <= KEPT_BUFFER_BYTES) {
      BUFFERS.give(buffer);
    }
  }

  /**
   * Renders a flat JSON object of string fields as pure ASCII text (everything else escaped), so it
   * survives a response in any charset; this is every auth endpoint's answer ({@code toJson()}),
   * written in a pooled scratch buffer rather than through a generator.
   *
   * @param k1 first key, plain ASCII needing no escape
   * @param v1 its value
   * @param k2 second key
   * @param v2 its value, or null to leave the field out
   * @param k3 third key
   * @param v3 its value, or null to leave the field out
   * @return the JSON text
   */
  public static String asciiObject(
      String k1, String v1, String k2, @Nullable String v2, String k3, @Nullable String v3) {
    int bound = 2 + fieldBound(k1, v1) + fieldBound(k2, v2) + fieldBound(k3, v3);
    byte[] out = takeBuffer(bound);
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
    String json = new String(out, 0, at, StandardCharsets.ISO_8859_1);
    giveBuffer(out);
    return json;
  }

  private static int fieldBound(String key, @Nullable String value) {
    // "key":"value", with every character of the value escaped as a 6-byte unicode escape at worst.
    return value == null ? 0 : key.length() + 6 + 6 * value.length();
  }

  private static int writeField(byte[] out, int at, String key, String value) {
    out[at++] = '"';
    at = ascii(key, out, at);
    out[at++] = '"';
    out[at++] = ':';
    out[at++] = '"';
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out[at++] = (byte) c;
        continue;
      }
      out[at++] = '\\';
      char shortForm = shortEscape(c);
      if (shortForm != 0) {
        out[at++] = (byte) shortForm;
      } else {
        out[at++] = 'u';
        out[at++] = Hex.lower(c >> 12);
        out[at++] = Hex.lower(c >> 8);
        out[at++] = Hex.lower(c >> 4);
        out[at++] = Hex.lower(c);
      }
    }
    out[at++] = '"';
    return at;
  }

  // ------------------------------------------------------------------------------- escapes

  /** The letter of a two-character escape ({@code \n}, {@code \"}…), or 0 when it needs \\u. */
  private static char shortEscape(char c) {
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '\n' -> 'n';
      case '\r' -> 'r';
      case '\t' -> 't';
      case '\b' -> 'b';
      case '\f' -> 'f';
      default -> 0;
    };
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append((char) Hex.lower(c >> 12))
        .append((char) Hex.lower(c >> 8))
        .append((char) Hex.lower(c >> 4))
        .append((char) Hex.lower(c));
  }
}
