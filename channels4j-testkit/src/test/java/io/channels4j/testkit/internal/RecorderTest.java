package io.channels4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounded log behind every recording: what it keeps, drops and hands out when full. */
class RecorderTest {
  private static final Duration NOW = Duration.ZERO;

  @Test
  void dropsTheOldestPastTheCountAndCountsThem() {
    Recorder<String> r = Recorder.ofCount(3);
    for (String s : new String[] {"a", "b", "c", "d", "e"}) {
      r.add(s);
    }
    assertThat(r.snapshot()).containsExactly("c", "d", "e");
    assertThat(r.dropped()).isEqualTo(2);
    assertThat(r.received()).isEqualTo(5);
  }

  @Test
  void takeGoesOnFromTheOldestKeptValueAfterDrops() throws InterruptedException {
    Recorder<String> r = Recorder.ofCount(3);
    r.add("a");
    r.add("b");
    assertThat(r.take(NOW)).hasValue("a");
    r.add("c");
    r.add("d");
    r.add("e"); // a (taken) and b (not taken) are dropped
    assertThat(r.take(NOW)).hasValue("c");
    assertThat(r.take(NOW)).hasValue("d");
    assertThat(r.take(NOW)).hasValue("e");
    assertThat(r.take(NOW)).isEmpty();
    assertThat(r.snapshot()).containsExactly("c", "d", "e");
  }

  @Test
  void keepsTheWeightWithinTheBudget() {
    Recorder<String> r = new Recorder<>(100, 10, String::length);
    r.add("aaaa");
    r.add("bbbb");
    r.add("cccc"); // 12 > 10: a goes
    assertThat(r.snapshot()).containsExactly("bbbb", "cccc");
    assertThat(r.weight()).isEqualTo(8);
    assertThat(r.dropped()).isEqualTo(1);
  }

  @Test
  void keepsAValueHeavierThanTheWholeBudgetAlone() {
    Recorder<String> r = new Recorder<>(100, 10, String::length);
    r.add("aa");
    r.add("x".repeat(50));
    assertThat(r.snapshot()).containsExactly("x".repeat(50));
    assertThat(r.weight()).isEqualTo(50);
  }

  @Test
  void awaitCountsValuesReceivedEvenWhenDropped() throws InterruptedException {
    Recorder<String> r = Recorder.ofCount(2);
    r.add("a");
    r.add("b");
    r.add("c");
    assertThat(r.await(3, NOW))
        .hasValueSatisfying(kept -> assertThat(kept).containsExactly("b", "c"));
    assertThat(r.await(4, NOW)).isEmpty();
  }

  @Test
  void clearForgetsValuesWeightAndCounts() {
    Recorder<String> r = new Recorder<>(1, 100, String::length);
    r.add("a");
    r.add("b");
    r.clear();
    assertThat(r.snapshot()).isEmpty();
    assertThat(r.weight()).isZero();
    assertThat(r.dropped()).isZero();
    assertThat(r.received()).isZero();
  }
}
