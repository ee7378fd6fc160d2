/**
 * Payload encoding with Jackson 2 databind: {@link io.channels4j.jackson2.Jackson2PayloadEncoder},
 * which the core finds with {@link java.util.ServiceLoader} when this module is present.
 */
// The digit names the Jackson major version, as the artifact does (lint: "terminal digits").
@SuppressWarnings("module")
module io.channels4j.jackson2 {
  requires transitive io.channels4j;
  requires transitive com.fasterxml.jackson.databind;

  exports io.channels4j.jackson2;

  provides io.channels4j.spi.PayloadEncoder with
      io.channels4j.jackson2.Jackson2PayloadEncoder;
}
