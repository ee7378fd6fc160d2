/**
 * Payload encoding with Jackson 3 databind ({@code tools.jackson}): {@link
 * io.channels4j.jackson3.Jackson3PayloadEncoder}, which the core finds with {@link
 * java.util.ServiceLoader} when this module is present. An application with Jackson 3 needs no
 * Jackson 2 databind for channels4j.
 */
// The digit names the Jackson major version, as the artifact does (lint: "terminal digits").
@SuppressWarnings("module")
module io.channels4j.jackson3 {
  requires transitive io.channels4j;
  requires transitive tools.jackson.databind;

  exports io.channels4j.jackson3;

  provides io.channels4j.spi.PayloadEncoder with
      io.channels4j.jackson3.Jackson3PayloadEncoder;
}
