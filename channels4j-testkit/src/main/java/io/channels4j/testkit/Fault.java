package io.channels4j.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the test server plays on the next request instead of (or before) answering it normally;
 * queue one with {@link PusherTestServer#enqueueFault(Fault)}.
 */
public sealed interface Fault {

  /**
   * Answers with this status and body, without looking at the request.
   *
   * @param status the HTTP status
   * @param body the body, sent as text
   * @param headers extra response headers, e.g. {@code Retry-After}
   */
  record Status(int status, String body, Map<String, String> headers) implements Fault {
    /** Checks the status and copies the headers. */
    public Status {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status must be 200 to 599, but is " + status);
      }
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }

    /**
     * Adds a response header.
     *
     * @param name the header name
     * @param value its value
     * @return the fault with that header
     */
    public Status withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return new Status(status, body, copy);
    }
  }

  /**
   * Waits, then handles the request normally.
   *
   * @param delay how long to wait, at most one minute
   */
  record Delay(Duration delay) implements Fault {
    /** Checks the bounds. */
    public Delay {
      if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("delay must be between 0 and 1 minute, but is " + delay);
      }
    }
  }

  /** Closes the connection without answering, after reading the request. */
  record DropConnection() implements Fault {}

  /**
   * Answers with a status and a short text body.
   *
   * @param status the HTTP status, e.g. 503
   * @return the fault
   */
  static Status status(int status) {
    return new Status(status, "Injected fault: HTTP " + status, Map.of());
  }

  /**
   * Answers with a status and a body.
   *
   * @param status the HTTP status
   * @param body the body
   * @return the fault
   */
  static Status status(int status, String body) {
    return new Status(status, body, Map.of());
  }

  /**
   * Delays the answer.
   *
   * @param delay how long
   * @return the fault
   */
  static Delay delay(Duration delay) {
    return new Delay(delay);
  }

  /**
   * Drops the connection instead of answering.
   *
   * @return the fault
   */
  static DropConnection dropConnection() {
    return new DropConnection();
  }
}
