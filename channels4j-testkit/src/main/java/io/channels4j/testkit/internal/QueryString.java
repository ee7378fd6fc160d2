package io.channels4j.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The testkit's one query-string decoder. Core is getting a shared one (issue 12); when it lands,
 * this class is swapped for it.
 */
public final class QueryString {
  private QueryString() {}

  /**
   * Decodes a raw query string the way the service does ({@code +} is a space, {@code %XX} an
   * escape). A key given twice keeps its last value.
   *
   * @param rawQuery the raw query, without {@code ?}; null or empty for none
   * @return the parameters in order of appearance
   * @throws IllegalArgumentException on a malformed escape
   */
  public static Map<String, String> decode(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
