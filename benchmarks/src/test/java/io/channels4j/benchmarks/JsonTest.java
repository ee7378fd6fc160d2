package io.channels4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesNestedValues() {
    Object v = Json.parse(" {\"a\":[1,-2.5e1,\"x\\\"y\\u00e9\",true,null],\"b\":{}} ");

    assertThat(v)
        .isEqualTo(Map.of("a", Arrays.asList(1L, -25.0, "x\"yé", true, null), "b", Map.of()));
  }

  @Test
  void objectsAreEqualWhateverTheFieldOrder() {
    assertThat(Json.parse("{\"a\":1,\"b\":[2]}")).isEqualTo(Json.parse("{\"b\":[2],\"a\":1}"));
    assertThat(Json.parse("[1,2]")).isNotEqualTo(Json.parse("[2,1]"));
  }

  @Test
  void rejectsMalformedJson() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\":1} x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
