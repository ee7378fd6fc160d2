package io.channels4j.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.channels4j.spi.PayloadEncoder;

/**
 * Jackson 2 databind for the tests, which compare the core's streaming output with it (the core
 * itself no longer uses databind).
 */
public final class TestJson {
  /** A default mapper, as the core used before it wrote JSON with the streaming API only. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** An encoder with {@link #MAPPER}, as {@code channels4j-jackson2} provides. */
  public static final PayloadEncoder ENCODER = Jackson2Mapper.encoder(MAPPER);

  private TestJson() {}
}
