package io.channels4j;

/**
 * An argument broke a rule of the Pusher API. Thrown before any request is made; the message names
 * the field, the rule and the offending size, and never contains a secret.
 */
public final class ValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a validation error.
   *
   * @param message what is wrong, naming the field and the rule
   */
  public ValidationException(String message) {
    super(message);
  }
}
