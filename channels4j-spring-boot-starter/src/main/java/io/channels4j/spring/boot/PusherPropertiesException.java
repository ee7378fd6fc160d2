package io.channels4j.spring.boot;

/**
 * The {@code pusher.*} properties cannot make a client: a property is missing or invalid. The
 * message names the property and never holds a secret. Spring Boot reports it at startup with the
 * action to take.
 */
public class PusherPropertiesException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The property at fault, e.g. {@code pusher.secret}. */
  private final String property;

  /**
   * Creates the exception.
   *
   * @param property the property at fault
   * @param message what is wrong with it, never holding a secret
   */
  public PusherPropertiesException(String property, String message) {
    super(message);
    this.property = property;
  }

  /**
   * Returns the property at fault.
   *
   * @return e.g. {@code pusher.secret}
   */
  public String property() {
    return property;
  }
}
