package io.channels4j.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A signed request, ready to send. The URI's query is already percent-encoded and must be sent as
 * is: the signature covers it.
 *
 * @param method {@code GET} or {@code POST}
 * @param uri the absolute URI, query included
 * @param headers headers to send besides {@code Host} and {@code Content-Length}
 * @param body the exact body bytes, empty for GET; the transport must not change them
 * @param timeout the budget for the whole exchange: connecting, sending and reading the answer
 */
public record HttpRequest(
    String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

  /** Checks the components and copies the headers. */
  public HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpRequest r
        && method.equals(r.method)
        && uri.equals(r.uri)
        && headers.equals(r.headers)
        && java.util.Arrays.equals(body, r.body)
        && timeout.equals(r.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body), timeout);
  }

  @Override
  public String toString() {
    return method + " " + uri.getRawPath() + " (" + body.length + " body bytes)";
  }
}
