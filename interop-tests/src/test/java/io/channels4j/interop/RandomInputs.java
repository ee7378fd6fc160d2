package io.channels4j.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random inputs for the cross-checks with the Node oracle: socket ids, channel names, user
 * ids and JSON values with unicode from every plane, JSON-special and control characters.
 *
 * <p>JSON values hold strings, integers, booleans, nulls, arrays and objects, but no fractions
 * (Java and JavaScript print {@code 1e21} differently, which is about the JSON writers, not about
 * channels4j) and no object keys that look like array indexes (a JavaScript object lists those
 * first, whatever order they were written in).
 */
final class RandomInputs {

  private static final String CHANNEL_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-=@,.;";

  /** Characters that tend to break escaping, signing or encoding. */
  private static final String SPECIALS = "\"\\/'<>&%+=?#;:, \t\n\r\b\f\u0000\u001f\u007f";

  private final Random random;

  RandomInputs(long seed) {
    this.random = new Random(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean nextBoolean() {
    return random.nextBoolean();
  }

  long nextLong(long from, long to) {
    return from + (long) (random.nextDouble() * (to - from));
  }

  String socketId() {
    return (1 + random.nextInt(Integer.MAX_VALUE)) + "." + (1 + random.nextInt(Integer.MAX_VALUE));
  }

  /** A channel name with the given prefix, up to the 200-character limit. */
  String channel(String prefix) {
    int length = 1 + random.nextInt(Math.min(40, 200 - prefix.length()));
    if (random.nextInt(10) == 0) {
      length = 200 - prefix.length();
    }
    String name = prefix + fromCharset(CHANNEL_CHARS, length);
    // A public channel of only dots is refused: draw again (the odds are tiny, so this ends).
    return name.matches("\\.+") ? channel(prefix) : name;
  }

  /** An id in the channel-name charset, as channels4j requires for user ids. */
  String plainId(int maxLength) {
    // Names and ids of only dots are refused (they would be dot-segments of a request path).
    for (int tries = 0; tries < 100; tries++) {
      String id = fromCharset(CHANNEL_CHARS, 1 + random.nextInt(maxLength));
      if (!id.matches("\\.+")) {
        return id;
      }
    }
    throw new IllegalStateException("100 random ids in a row were only dots");
  }

  private String fromCharset(String charset, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(charset.charAt(random.nextInt(charset.length())));
    }
    return sb.toString();
  }

  /** Well-formed text of 1 to {@code maxChars} UTF-16 units, mixing every kind of character. */
  String text(int maxChars) {
    int target = 1 + random.nextInt(maxChars);
    StringBuilder sb = new StringBuilder(target + 1);
    while (sb.length() < target) {
      int codePoint =
          switch (random.nextInt(8)) {
            case 0, 1 -> 0x20 + random.nextInt(0x5f); // printable ASCII
            case 2 -> SPECIALS.charAt(random.nextInt(SPECIALS.length()));
            case 3 -> random.nextInt(0x20); // control characters
            case 4 -> 0xa0 + random.nextInt(0x2000 - 0xa0); // Latin, Greek, Cyrillic, Hebrew...
            case 5 -> bmpNonSurrogate(); // CJK, U+2028, BOM...
            case 6 -> 0x1f300 + random.nextInt(0x300); // emoji (surrogate pairs)
            default -> 0x10000 + random.nextInt(0x10ffff - 0x10000); // any astral plane
          };
      if (sb.length() + Character.charCount(codePoint) > target && sb.length() > 0) {
        break;
      }
      sb.appendCodePoint(codePoint);
    }
    return sb.toString();
  }

  private int bmpNonSurrogate() {
    int[] picks = {0x2028, 0x2029, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x200b, 0x0300};
    if (random.nextInt(4) == 0) {
      return picks[random.nextInt(picks.length)];
    }
    int codePoint;
    do {
      codePoint = 0x2000 + random.nextInt(0x10000 - 0x2000);
    } while (Character.isSurrogate((char) codePoint));
    return codePoint;
  }

  /** A JSON value: a {@code Map}, {@code List}, {@code String}, {@code Long}, {@code Boolean}... */
  Object jsonValue(int depth) {
    int kind = random.nextInt(depth <= 0 ? 4 : 7);
    return switch (kind) {
      case 0 -> text(20);
      case 1 -> random.nextInt(1 << 20) - (1 << 19);
      case 2 -> random.nextBoolean();
      case 3 -> random.nextInt(4) == 0 ? null : text(5);
      case 4 -> {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(jsonValue(depth - 1));
        }
        yield list;
      }
      default -> jsonObject(depth - 1);
    };
  }

  /** A JSON object of up to four members; keys are text that never looks like a number. */
  Map<String, Object> jsonObject(int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      object.put("k" + i + text(8), jsonValue(depth));
    }
    return object;
  }
}
