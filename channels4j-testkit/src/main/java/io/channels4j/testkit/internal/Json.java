package io.channels4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reading request bodies as the endpoints need them, refusing what the service would refuse. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses a body that must be a JSON object. */
  static JsonNode object(byte[] body) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (IOException e) {
      throw Refusal.incorrect("the body is not valid JSON");
    }
    if (json == null || !json.isObject()) {
      throw Refusal.incorrect("the body must be a JSON object");
    }
    return json;
  }

  /** Returns a node's text, refusing any other kind of node. */
  static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw Refusal.incorrect(field + " must be a string");
    }
    return node.asText();
  }
}
