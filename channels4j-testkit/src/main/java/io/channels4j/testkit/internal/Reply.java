package io.channels4j.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer: status, content type, body, extra headers. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  static Reply json(JsonNode node) {
    try {
      return new Reply(200, "application/json", Json.MAPPER.writeValueAsBytes(node), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Reply text(int status, String message) {
    return text(status, message, Map.of());
  }

  static Reply text(int status, String message, Map<String, String> headers) {
    return new Reply(
        status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8), headers);
  }
}
