package io.channels4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The testkit's one query-string decoder. */
class QueryStringTest {
  @Test
  void decodesPlusAsSpaceAndPercentEscapes() {
    assertThat(QueryString.decode("info=user_count%2Csubscription_count&q=a+b"))
        .containsEntry("info", "user_count,subscription_count")
        .containsEntry("q", "a b");
  }

  @Test
  void keepsTheLastValueOfARepeatedKeyAndToleratesEmptyPairs() {
    assertThat(QueryString.decode("a=1&&a=2&flag"))
        .containsOnlyKeys("a", "flag")
        .containsEntry("a", "2")
        .containsEntry("flag", "");
  }

  @Test
  void isEmptyForNoQuery() {
    assertThat(QueryString.decode(null)).isEmpty();
    assertThat(QueryString.decode("")).isEmpty();
  }

  @Test
  void rejectsAMalformedEscape() {
    assertThatThrownBy(() -> QueryString.decode("a=%zz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
