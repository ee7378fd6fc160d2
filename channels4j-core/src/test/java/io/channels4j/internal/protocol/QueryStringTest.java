package io.channels4j.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.channels4j.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringTest {

  @Test
  void readsFieldsInTheOrderAsked() {
    assertThat(
            QueryString.fields("channel_name=private-a&socket_id=1.2", "socket_id", "channel_name"))
        .containsExactly("1.2", "private-a");
  }

  @Test
  void decodesPercentEscapesAndPlus() {
    assertThat(QueryString.fields("a=x%3Dy%40z%2C%3b+w%C4%85", "a")).containsExactly("x=y@z,; wą");
  }

  @Test
  void decodesEscapedFieldNames() {
    assertThat(QueryString.fields("socket%5Fid=1.2", "socket_id")).containsExactly("1.2");
  }

  @Test
  void ignoresOtherFieldsAndEmptyPairs() {
    assertThat(QueryString.fields("&x=1&&socket_id=1.2&y&", "socket_id")).containsExactly("1.2");
  }

  @Test
  void readsFieldWithoutEqualsAsEmpty() {
    assertThat(QueryString.fields("socket_id", "socket_id")).containsExactly("");
    assertThat(QueryString.fields("socket_id=", "socket_id")).containsExactly("");
  }

  @Test
  void keepsEqualsSignsInValues() {
    assertThat(QueryString.fields("a=b=c", "a")).containsExactly("b=c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%", "a=%4", "a=%zz", "a=%4g", "a=x%\uff14\uff11"})
  void refusesMalformedPercentEscape(String body) {
    assertThatThrownBy(() -> QueryString.fields(body, "a"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("form body has a malformed percent escape in a at index ");
  }

  @Test
  void refusesMissingField() {
    assertThatThrownBy(() -> QueryString.fields("x=1", "socket_id", "channel_name"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "form body must have the field socket_id, but has not (a Pusher client posts"
                + " socket_id=…&channel_name=…)");
  }

  @Test
  void refusesRepeatedFieldEvenWithTheSameValue() {
    assertThatThrownBy(() -> QueryString.fields("a=1&a=1", "a"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("form body must have the field a once, but has it twice");
  }

  @Test
  void decodesAQueryKeepingOrderAndRepeatedValues() {
    assertThat(QueryString.decode("b=2&a=x%20y&b=3&c&&d=%E2%82%AC+1"))
        .containsExactly(
            entry("b", List.of("2", "3")),
            entry("a", List.of("x y")),
            entry("c", List.of("")),
            entry("d", List.of("\u20ac 1")));
  }

  @Test
  void decodesNothingFromAnEmptyOrMissingQuery() {
    assertThat(QueryString.decode("")).isEmpty();
    assertThat(QueryString.decode(null)).isEmpty();
  }

  @Test
  void keepsRawCharactersOutsideAsciiWholeIncludingSurrogatePairs() {
    assertThat(QueryString.decode("e=\ud83d\ude00%21"))
        .containsExactly(entry("e", List.of("\ud83d\ude00!")));
  }

  @Test
  void refusesMalformedEscapeInAQueryNamingTheQuery() {
    assertThatThrownBy(() -> QueryString.decode("auth_key=k&body_md5=%G0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "query string has a malformed percent escape in body_md5 at index 20 (expected %XY with"
                + " hex digits)");
  }
}
