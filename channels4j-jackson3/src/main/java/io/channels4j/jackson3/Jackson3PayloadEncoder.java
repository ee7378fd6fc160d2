package io.channels4j.jackson3;

import io.channels4j.spi.PayloadEncoder;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes payloads and user info with a Jackson 3 {@link ObjectMapper} (Spring Boot 4's default).
 * With this module on the class path (or module path) the core finds it with {@link
 * java.util.ServiceLoader} and uses a default mapper for what it does not write itself (records,
 * beans, {@code java.time} values, which Jackson 3 writes as ISO-8601 text); to use the
 * application's own mapper, with its modules and naming strategy, set {@code
 * Pusher.builder().payloadEncoder(Jackson3PayloadEncoder.of(mapper))}.
 */
public final class Jackson3PayloadEncoder implements PayloadEncoder {
  private final ObjectMapper mapper;

  /** An encoder with a default mapper ({@code JsonMapper.builder().build()}), for ServiceLoader. */
  public Jackson3PayloadEncoder() {
    this(JsonMapper.builder().build());
  }

  private Jackson3PayloadEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * An encoder that writes with the given mapper.
   *
   * @param mapper the mapper, shared: it is immutable and thread-safe
   * @return the encoder
   */
  public static Jackson3PayloadEncoder of(ObjectMapper mapper) {
    return new Jackson3PayloadEncoder(Objects.requireNonNull(mapper, "mapper"));
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
    } catch (JacksonException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Jackson3PayloadEncoder[" + mapper.getClass().getName() + "]";
  }
}
