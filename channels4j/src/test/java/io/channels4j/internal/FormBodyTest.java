package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyTest {

  @Test
  void readsFieldsInTheOrderAsked() {
    assertThat(FormBody.fields("channel_name=private-a&socket_id=1.2", "socket_id", "channel_name"))
        .containsExactly("1.2", "private-a");
  }

  @Test
  void decodesPercentEscapesAndPlus() {
    assertThat(FormBody.fields("a=x%3Dy%40z%2C%3b+w%C4%85", "a")).containsExactly("x=y@z,; wą");
  }

  @Test
  void decodesEscapedFieldNames() {
    assertThat(FormBody.fields("socket%5Fid=1.2", "socket_id")).containsExactly("1.2");
  }

  @Test
  void ignoresOtherFieldsAndEmptyPairs() {
    assertThat(FormBody.fields("&x=1&&socket_id=1.2&y&", "socket_id")).containsExactly("1.2");
  }

  @Test
  void readsFieldWithoutEqualsAsEmpty() {
    assertThat(FormBody.fields("socket_id", "socket_id")).containsExactly("");
    assertThat(FormBody.fields("socket_id=", "socket_id")).containsExactly("");
  }

  @Test
  void keepsEqualsSignsInValues() {
    assertThat(FormBody.fields("a=b=c", "a")).containsExactly("b=c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%", "a=%4", "a=%zz", "a=%4g", "a=x%\uff14\uff11"})
  void refusesMalformedPercentEscape(String body) {
    assertThatThrownBy(() -> FormBody.fields(body, "a"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("form body has a malformed percent escape in a at index ");
  }

  @Test
  void refusesMissingField() {
    assertThatThrownBy(() -> FormBody.fields("x=1", "socket_id", "channel_name"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "form body must have the field socket_id, but has not (a Pusher client posts"
                + " socket_id=…&channel_name=…)");
  }

  @Test
  void refusesRepeatedFieldEvenWithTheSameValue() {
    assertThatThrownBy(() -> FormBody.fields("a=1&a=1", "a"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("form body must have the field a once, but has it twice");
  }
}
