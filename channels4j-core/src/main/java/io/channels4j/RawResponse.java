package io.channels4j;

import java.util.Objects;

/**
 * The answer to a request the library does not wrap ({@link Pusher#get}, {@link Pusher#post}): a
 * success, since an error status or an error body (soketi's HTTP 200 {@code {"error", "code"}})
 * fails the call with an {@link ApiException} instead.
 *
 * @param status the HTTP status, 2xx
 * @param json the answer's JSON text as received; empty when the answer had no body
 */
public record RawResponse(int status, String json) {
  /** Checks the text is there. */
  public RawResponse {
    Objects.requireNonNull(json, "json");
  }
}
