package io.channels4j.spi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an {@link HttpRequest}.
 *
 * @param status the HTTP status code
 * @param headers response headers, names in lower case (only the first value of each is kept)
 * @param body the body bytes, empty when there is none
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  /** Checks the components and copies the headers. */
  public HttpResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /**
   * Returns a header's value.
   *
   * @param name the header name, in any case
   * @return the first value of that header, if present
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Returns the body decoded as UTF-8.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpResponse r
        && status == r.status
        && headers.equals(r.headers)
        && java.util.Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "HttpResponse[status=" + status + ", " + body.length + " body bytes]";
  }
}
