package io.channels4j.internal;

import io.channels4j.spi.HttpResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an answer into a call's result, or into the {@link io.channels4j.ApiException} it means: a
 * status outside 2xx, a body that is not JSON, an error in the body, or a body the call's parser
 * cannot read.
 */
final class Answers {
  private Answers() {}

  static <T> T read(ApiCall<T> call, HttpResponse response, int attempt, Clock clock) {
    int status = response.status();
    if (status < 200 || status >= 300) {
      throw ApiErrors.api(
          call,
          "failed with HTTP " + status + ": " + ApiErrors.summary(response),
          status,
          response,
          RetryDelays.retryAfter(response, clock),
          attempt);
    }
    Object parsed;
    try {
      parsed = Json.parse(response.body());
    } catch (IOException e) {
      throw ApiErrors.api(
          call,
          "answered HTTP "
              + status
              + " with a body that is not JSON: "
              + ApiErrors.summary(response),
          status,
          response,
          null,
          attempt);
    }
    @SuppressWarnings("unchecked") // Json.parse reads every object as a Map<String, Object>
    Map<String, Object> json =
        parsed instanceof Map<?, ?> ? (Map<String, Object>) parsed : new LinkedHashMap<>();
    // soketi answers refusals with HTTP 200 and {"error":"…","code":401}: that is an error.
    Object error = json.get("error");
    Object code = json.get("code");
    if (error != null
        && (code instanceof Integer || code instanceof Long)
        && ((Number) code).longValue() >= 400
        && ((Number) code).longValue() <= Integer.MAX_VALUE) {
      int refused = ((Number) code).intValue();
      throw ApiErrors.api(
          call,
          "was refused with code "
              + refused
              + " (sent with HTTP "
              + status
              + "): "
              + (error instanceof String s ? s : String.valueOf(error)),
          refused,
          response,
          RetryDelays.retryAfter(response, clock),
          attempt);
    }
    try {
      return call.parser().parse(json, response);
    } catch (RuntimeException e) {
      throw ApiErrors.api(
          call,
          "answered an unexpected body: " + ApiErrors.summary(response),
          status,
          response,
          null,
          attempt);
    }
  }
}
