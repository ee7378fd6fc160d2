package io.channels4j.jackson2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.channels4j.spi.PayloadEncoder;
import java.util.Objects;

/**
 * Encodes payloads and user info with a Jackson 2 {@link ObjectMapper}. With this module on the
 * class path (or module path) the core finds it with {@link java.util.ServiceLoader} and uses a
 * default mapper for what it does not write itself (records, beans, {@code java.time} values with
 * the right modules); to use the application's own mapper, with its modules and naming strategy,
 * set {@code Pusher.builder().payloadEncoder(Jackson2PayloadEncoder.of(mapper))}.
 */
public final class Jackson2PayloadEncoder implements PayloadEncoder {
  private final ObjectMapper mapper;

  /** An encoder with a default mapper ({@code JsonMapper.builder().build()}), for ServiceLoader. */
  public Jackson2PayloadEncoder() {
    this(JsonMapper.builder().build());
  }

  private Jackson2PayloadEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * An encoder that writes with the given mapper.
   *
   * @param mapper the mapper, shared: it is thread-safe once configured
   * @return the encoder
   */
  public static Jackson2PayloadEncoder of(ObjectMapper mapper) {
    return new Jackson2PayloadEncoder(Objects.requireNonNull(mapper, "mapper"));
  }

  /**
   * Writes the value as JSON text.
   *
   * @throws IllegalArgumentException when the mapper cannot write it (the client reports it as a
   *     {@code ValidationException} before sending)
   */
  @Override
  public String encode(Object data) {
    try {
      return mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Jackson2PayloadEncoder[" + mapper.getClass().getName() + "]";
  }
}
