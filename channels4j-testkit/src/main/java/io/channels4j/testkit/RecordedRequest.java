package io.channels4j.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One HTTP request as the test server received it, whatever the outcome.
 *
 * @param method the method, e.g. {@code POST}
 * @param path the raw path, e.g. {@code /apps/4242/events}
 * @param query the decoded query parameters, signature parameters included
 * @param headers the headers, names in lower case
 * @param body the body bytes; empty when the request was not genuinely signed (a forged or unsigned
 *     body is never kept, so a flood of them costs no memory) or was over the size limit
 * @param status the status answered, or empty when the connection was dropped on purpose
 * @param receivedAt when the request arrived, by the server's clock
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, List<String>> headers,
    byte[] body,
    OptionalInt status,
    Instant receivedAt) {

  /** Copies everything, so the record never changes. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach(
        (k, v) ->
            lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    lower.replaceAll((k, v) -> List.copyOf(v));
    headers = Map.copyOf(lower);
    body = body.clone();
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body as UTF-8 text.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return its first value, if present
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedRequest r
        && method.equals(r.method)
        && path.equals(r.path)
        && query.equals(r.query)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body)
        && status.equals(r.status)
        && receivedAt.equals(r.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, query, headers, Arrays.hashCode(body), status, receivedAt);
  }

  /** A one-line summary: method, path, status and body size. */
  @Override
  public String toString() {
    return method
        + " "
        + path
        + " -> "
        + (status.isPresent() ? Integer.toString(status.getAsInt()) : "dropped")
        + " ("
        + body.length
        + " bytes)";
  }
}
