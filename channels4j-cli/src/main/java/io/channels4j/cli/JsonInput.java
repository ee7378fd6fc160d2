package io.channels4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.ValidationException;

/**
 * Reads JSON given on the command line, with errors that name the option, and the lines of
 * newline-delimited JSON input ({@code batch}, {@code fan-out}), with errors that name the field.
 */
final class JsonInput {
  private JsonInput() {}

  /** Parses JSON text into plain Java values (maps, lists, strings, numbers). */
  static Object value(String option, String text) {
    try {
      JsonNode node = BaseCommand.JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new ValidationException(option + " must be JSON, but is empty");
      }
      return BaseCommand.JSON.treeToValue(node, Object.class);
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          option + " must be JSON, but is not: " + e.getOriginalMessage());
    }
  }

  /**
   * One line of newline-delimited JSON input, which must be an object.
   *
   * @throws IllegalArgumentException if it is not JSON or not an object
   */
  static JsonNode object(String line) {
    JsonNode node;
    try {
      node = BaseCommand.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("each line must be a JSON object");
    }
    return node;
  }

  /**
   * A string field of an input line.
   *
   * @throws IllegalArgumentException if it is missing or not a string
   */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " (a string) is missing");
    }
    return value.asText();
  }

  /**
   * The {@code data} field of an input line as sent: a string as is, anything else as JSON text.
   *
   * @throws IllegalArgumentException if it is missing or null
   */
  static String data(JsonNode node) {
    JsonNode data = node.get("data");
    if (data == null || data.isNull()) {
      throw new IllegalArgumentException("data is missing");
    }
    return data.isTextual() ? data.asText() : data.toString();
  }
}
