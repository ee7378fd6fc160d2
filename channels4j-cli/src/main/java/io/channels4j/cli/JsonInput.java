package io.channels4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.ValidationException;

/** Reads JSON given on the command line, with errors that name the option. */
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
}
