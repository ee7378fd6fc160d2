package io.channels4j.internal;

import io.channels4j.ValidationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads fields of an {@code application/x-www-form-urlencoded} body, as Pusher clients post it to
 * auth endpoints ({@code socket_id=…&channel_name=…}).
 */
public final class FormBody {
  private FormBody() {}

  /**
   * Returns the decoded values of the named fields, in the order asked. Other fields are ignored.
   *
   * @param body the raw body
   * @param names the fields wanted; each must appear exactly once
   * @return one value per name
   * @throws ValidationException when a field is missing, repeated or badly escaped
   */
  public static String[] fields(String body, String... names) {
    if (body == null) {
      throw new ValidationException("formBody must not be null");
    }
    String[] values = new String[names.length];
    int n = body.length();
    int start = 0;
    while (start <= n) {
      int end = body.indexOf('&', start);
      if (end < 0) {
        end = n;
      }
      if (end > start) {
        int eq = body.indexOf('=', start);
        int nameEnd = eq < 0 || eq > end ? end : eq;
        String name = decode(body, start, nameEnd, "a field name");
        for (int i = 0; i < names.length; i++) {
          if (names[i].equals(name)) {
            if (values[i] != null) {
              throw new ValidationException(
                  "form body must have the field " + name + " once, but has it twice");
            }
            values[i] = nameEnd == end ? "" : decode(body, nameEnd + 1, end, name);
          }
        }
      }
      start = end + 1;
    }
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

  private static String decode(String s, int from, int to, String what) {
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
              "form body has a malformed percent escape in "
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
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
