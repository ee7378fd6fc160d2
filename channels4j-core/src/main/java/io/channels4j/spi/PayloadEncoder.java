package io.channels4j.spi;

/**
 * Turns an event's data object into the {@code data} string sent to the server. A {@link String}
 * payload is never given to the encoder: it is sent as is.
 */
@FunctionalInterface
public interface PayloadEncoder {

  /**
   * Encodes a payload, normally as JSON text.
   *
   * @param data the payload, never a {@link String}
   * @return the text to send as the event's data
   */
  String encode(Object data);
}
