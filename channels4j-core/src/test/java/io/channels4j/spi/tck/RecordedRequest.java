package io.channels4j.spi.tck;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request as the server received it.
 *
 * @param method the method
 * @param target the raw request target: path and query, exactly as sent
 * @param headers the headers, names in lower case
 * @param body the body bytes (empty when the behaviour did not read the body)
 * @param connection which accepted connection carried it, from 1
 */
public record RecordedRequest(
    String method, String target, Map<String, String> headers, byte[] body, int connection) {

  /**
   * Returns the path of the target.
   *
   * @return the raw path, without the query
   */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /**
   * Returns a query parameter, percent-decoded.
   *
   * @param name the parameter name
   * @return the first value, or null
   */
  public String queryParameter(String name) {
    int q = target.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : target.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return java.net.URLDecoder.decode(
            eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * Returns the body as UTF-8 text.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
