package io.channels4j.internal;

import io.channels4j.CallKind;
import io.channels4j.spi.HttpResponse;
import java.util.Map;

/**
 * One API request before signing, with the parser of its answer.
 *
 * @param <T> the result type
 * @param kind what the call does, for request listeners
 * @param baseUri scheme, host and port, e.g. {@code https://api-mt1.pusher.com}
 * @param method upper-case method
 * @param path raw path, starting with {@code /}
 * @param params extra query parameters, raw values
 * @param body exact body bytes, empty for none
 * @param parser turns a successful JSON answer into the result
 */
public record ApiCall<T>(
    CallKind kind,
    String baseUri,
    String method,
    String path,
    Map<String, String> params,
    byte[] body,
    Parser<T> parser) {

  /**
   * Reads a result from a successful answer.
   *
   * @param <T> the result type
   */
  @FunctionalInterface
  public interface Parser<T> {
    /**
     * Reads the result; throwing means the server answered something unexpected.
     *
     * @param json the answer's object, read by {@link Json#parse(byte[])}; empty when the body was
     *     empty or not an object
     * @return the result
     */
    T parse(Map<String, Object> json);

    /**
     * Reads the result with the whole answer at hand, for calls that return more than what they
     * read from the JSON (its status, its text). The default reads the JSON only.
     *
     * @param json the answer, an empty object when the body was empty
     * @param response the answer as received, a 2xx that is not an error body
     * @return the result
     */
    default T parse(Map<String, Object> json, HttpResponse response) {
      return parse(json);
    }
  }
}
