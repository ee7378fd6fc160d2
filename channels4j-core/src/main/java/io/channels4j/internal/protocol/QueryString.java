package io.channels4j.internal.protocol;

import io.channels4j.ValidationException;
import io.channels4j.internal.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text: a request's query string, or the body a
 * Pusher client posts to an auth endpoint ({@code socket_id=…&channel_name=…}). {@code +} is a
 * space and {@code %XY} a UTF-8 byte, as servers decode it; a malformed escape is an error rather
 * than a guess, so that what is signed or checked is exactly what was sent.
 */
public final class QueryString {
  private QueryString() {}

  /**
   * Decodes every pair, keeping the order of first appearance and every value of a repeated name.
   * Empty pairs ({@code a=1&&b=2}) are skipped; a name without {@code =} has the value {@code ""}.
   *
   * @param raw the raw query, without the {@code ?}; null or empty gives an empty map
   * @return decoded names to their decoded values
   * @throws ValidationException when an escape is malformed (an {@link IllegalArgumentException})
   */
  public static Map<String, List<String>> decode(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw != null) {
      forEachPair(
          raw,
          "query string",
          (name, valueFrom, valueTo) ->
              out.computeIfAbsent(name, k -> new ArrayList<>(1))
                  .add(decode(raw, valueFrom, valueTo, "query string", name)));
    }
    return out;
  }

  /**
   * Returns the decoded values of the named fields, in the order asked; other fields are ignored.
   * Each named field must appear exactly once: an auth endpoint that took the first or the last of
   * two {@code channel_name}s could be made to sign a channel its access check never saw.
   *
   * @param body the raw body
   * @param names the fields wanted
   * @return one value per name
   * @throws ValidationException when a field is missing, repeated or badly escaped
   */
  public static String[] fields(String body, String... names) {
    if (body == null) {
      throw new ValidationException("formBody must not be null");
    }
    String[] values = new String[names.length];
    forEachPair(
        body,
        "form body",
        (name, valueFrom, valueTo) -> {
          for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
              if (values[i] != null) {
                throw new ValidationException(
                    "form body must have the field " + name + " once, but has it twice");
              }
              values[i] = decode(body, valueFrom, valueTo, "form body", name);
            }
          }
        });
    for (int i = 0; i < names.length; i++) {
      if (values[i] == null) {
        throw new ValidationException(
            "form body must have the field "
                + names[i]
                + ", but has not (a Pusher client posts "
                + String.join("=…&", names)
                + "=…)");
      }
    }
    return values;
  }

  /** Receives one pair: its decoded name and where its raw value stands. */
  @FunctionalInterface
  private interface PairVisitor {
    void visit(String name, int valueFrom, int valueTo);
  }

  /**
   * Calls the visitor for each non-empty pair, with the decoded name; a name without {@code =} has
   * an empty value. Values are left to the visitor to decode, so unwanted ones cost nothing.
   */
  private static void forEachPair(String s, String source, PairVisitor visitor) {
    int n = s.length();
    for (int start = 0; start <= n; ) {
      int end = pairEnd(s, start);
      if (end > start) {
        int nameEnd = nameEnd(s, start, end);
        String name = decode(s, start, nameEnd, source, "a field name");
        visitor.visit(name, nameEnd == end ? end : nameEnd + 1, end);
      }
      start = end + 1;
    }
  }

  private static int pairEnd(String s, int start) {
    int end = s.indexOf('&', start);
    return end < 0 ? s.length() : end;
  }

  private static int nameEnd(String s, int start, int end) {
    int eq = s.indexOf('=', start);
    return eq < 0 || eq > end ? end : eq;
  }

  private static String decode(String s, int from, int to, String source, String what) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      char c = s.charAt(i);
      plain = c != '%' && c != '+';
    }
    if (plain) {
      return s.substring(from, to);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%') {
        int hi = i + 2 < to ? Hex.digit(s.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? Hex.digit(s.charAt(i + 2)) : -1;
        if (lo < 0) {
          throw new ValidationException(
              source
                  + " has a malformed percent escape in "
                  + what
                  + " at index "
                  + i
                  + " (expected %XY with hex digits)");
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        // A surrogate pair is one character: encode the two chars together.
        int charEnd = Character.isHighSurrogate(c) && i + 1 < to ? i + 2 : i + 1;
        byte[] utf8 = s.substring(i, charEnd).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
        i = charEnd - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
