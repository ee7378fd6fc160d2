package io.channels4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.spi.PayloadEncoder;

/**
 * The encoder behind the deprecated {@code Pusher.Builder.jsonMapper(ObjectMapper)}: the only class
 * of the core that links Jackson 2 databind, loaded only when that method is called, so that
 * applications without databind never need it.
 */
public final class Jackson2Mapper {
  private Jackson2Mapper() {}

  /**
   * An encoder that writes payloads with a Jackson 2 mapper.
   *
   * @param mapper the mapper, with the caller's modules and naming strategy
   * @return the encoder
   */
  public static PayloadEncoder encoder(ObjectMapper mapper) {
    return data -> {
      try {
        return mapper.writeValueAsString(data);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e.getOriginalMessage(), e);
      }
    };
  }
}
