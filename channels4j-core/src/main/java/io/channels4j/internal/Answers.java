package io.channels4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.spi.HttpResponse;
import java.io.IOException;
import java.time.Clock;

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
    JsonNode json;
    try {
      json = Json.parse(response.body());
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
    // soketi answers refusals with HTTP 200 and {"error":"…","code":401}: that is an error.
    JsonNode error = json.get("error");
    JsonNode code = json.get("code");
    if (error != null && code != null && code.canConvertToInt() && code.intValue() >= 400) {
      throw ApiErrors.api(
          call,
          "was refused with code "
              + code.intValue()
              + " (sent with HTTP "
              + status
              + "): "
              + error.asText(),
          code.intValue(),
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
